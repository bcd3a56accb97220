// File I/O compatible with NumPy: .npy (save, load, toNpy, fromNpy) and .npz (savez,
// savezCompressed, load returning a lazy NpzFile).
export { save, load, mmapAvailable } from './files';
export type { LoadOptions, MmapMode } from './files';
export { toNpy, fromNpy, parseHeader as parseNpyHeader, MAX_HEADER_SIZE } from './npy';
export type { NpyHeader, ToNpyOptions, FromNpyOptions } from './npy';
export { NpzFile, savez, savezCompressed, DEFAULT_MAX_INFLATED } from './npz';
export type { NpzOptions } from './npz';
