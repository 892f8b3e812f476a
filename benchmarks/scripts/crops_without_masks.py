#!/usr/bin/env python3
"""Cuts mask-less ROIs of a chosen margin from imported ROIs (README, "Give masks, or crop tightly").

Usage: /usr/bin/python3 crops_without_masks.py IMPORTED_ROI_DIR OUT_DIR SIDE_IN_RADII
(needs Debian's python3-h5py). For each H x W x 2 ROI written by `mammo import` (channel 1 the lesion mask), it takes
the square of SIDE_IN_RADII lesion radii centred on the mask's bounding box (the image's edge repeated where it ends)
and writes it with an all-zero mask channel, to be read with `--ignore-masks`:

    mammo cv --csv mias/mias_case_description.csv --roi-root OUT_DIR --folds 5 --repeats 10 --ignore-masks
"""
import glob
import os
import sys

import h5py
import numpy as np


def main(source, target, factor):
    os.makedirs(target, exist_ok=True)
    for path in sorted(glob.glob(os.path.join(source, "*.h5"))):
        with h5py.File(path, "r") as h:
            data = h["data"][()]
        image, mask = data[..., 0], data[..., 1]
        ys, xs = np.nonzero(mask)
        cy, cx = (ys.min() + ys.max() + 1) / 2.0, (xs.min() + xs.max() + 1) / 2.0
        radius = max(ys.max() - ys.min() + 1, xs.max() - xs.min() + 1) / 2.0
        half = factor * radius / 2.0
        y0, y1 = int(round(cy - half)), int(round(cy + half))
        x0, x1 = int(round(cx - half)), int(round(cx + half))
        pad = max(0, -y0, -x0, y1 - image.shape[0], x1 - image.shape[1])
        if pad:
            image = np.pad(image, pad, mode="edge")
            y0, y1, x0, x1 = y0 + pad, y1 + pad, x0 + pad, x1 + pad
        crop = image[y0:y1, x0:x1]
        out = np.zeros(crop.shape + (2,), dtype=data.dtype)
        out[..., 0] = crop
        with h5py.File(os.path.join(target, os.path.basename(path)), "w") as h:
            h.create_dataset("data", data=out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]))
