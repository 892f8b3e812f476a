#!/usr/bin/python3
"""Writes the tiny HDF5 fixtures of Hdf5RoiReaderTests with h5py (Debian python3-h5py), independent of PureHDF.

Every file holds the same H x W x 2 ROI (image, lesion mask) in dataset `data`, stored differently: contiguous,
one chunk, h5py's default chunking with gzip, small chunks split along the channel axis (partial edge chunks),
gzip + shuffle, and uint16. Also: an LZF file (refused by name), a fletcher32 file (refused), and a grey image
stored as three equal channels (its channel 1 is no mask). Run: /usr/bin/python3 make_hdf5_fixtures.py
"""
import h5py
import numpy as np

H, W = 50, 40
yy, xx = np.mgrid[0:H, 0:W]
image = (0.3 + 0.2 * np.sin(xx / 9.0) * np.cos(yy / 7.0) + 0.001 * ((xx * 7 + yy * 13) % 17)).astype("float32")
inside = ((xx - 22) ** 2 + (yy - 20) ** 2) < 8 ** 2
image[inside] += 0.4
roi = np.stack([image, inside.astype("float32")], axis=-1)


def write(name, data, **options):
    with h5py.File(name, "w") as f:
        d = f.create_dataset("data", data=data, **options)
        print(name, d.dtype, d.shape, "chunks", d.chunks, "compression", d.compression)


write("contiguous.h5", roi)
write("one_chunk_gzip.h5", roi, chunks=roi.shape, compression="gzip")
write("default_gzip.h5", roi, compression="gzip")
write("small_chunks_gzip.h5", roi, chunks=(16, 16, 1), compression="gzip")
write("small_chunks_shuffle.h5", roi, chunks=(16, 16, 1), compression="gzip", shuffle=True)
write("small_chunks_uint16.h5", np.round(roi * np.array([60000, 1])).astype("uint16"), chunks=(16, 16, 1), compression="gzip")
write("contiguous_uint16.h5", np.round(roi * np.array([60000, 1])).astype("uint16"))
write("lzf.h5", roi, compression="lzf")
write("fletcher32.h5", roi, chunks=(16, 16, 2), fletcher32=True)
write("grey_as_rgb.h5", np.stack([image] * 3, axis=-1), chunks=(16, 16, 1), compression="gzip")
