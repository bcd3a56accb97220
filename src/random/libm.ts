// The few libm functions whose exact results reach NumPy's random streams. NumPy calls the
// C library's log/log1p/log1pf; V8's Math.log and Math.log1p differ from glibc's in the last
// bit for a fraction of inputs (7% for log here), which would change legacy randn values and
// the rare ziggurat tail draws. These are replaced by glibc-identical versions in
// glibc-math.ts when available; this module is the single switch point.
export { glibcLog as log, glibcLog1p as log1p, glibcLog1pf as log1pf } from './glibc-math';
