#!/usr/bin/python3
"""Writes an OMX file the way h5py users do, for Ekimachi's reader.

usage: h5py_write_omx.py FILE.omx
Two float32 matrices "am" and "pm" (3 x 3, compressed), an int64 lookup "taz" (101, 205, 309),
a variable-length string OMX_VERSION and an int64 SHAPE.
"""
import sys

import h5py
import numpy as np

am = np.array([[0, 1.5, 2], [3, 0, 4.25], [5, 6, 0]], dtype=np.float32)
pm = am.T * 2
with h5py.File(sys.argv[1], "w") as f:
    f.attrs["OMX_VERSION"] = "0.2"
    f.attrs["SHAPE"] = np.array([3, 3], dtype=np.int64)
    f.create_dataset("data/am", data=am, compression="gzip")
    f.create_dataset("data/pm", data=pm, compression="gzip", chunks=(2, 2))
    f["data/am"].attrs["mode"] = "walk"
    f.create_dataset("lookup/taz", data=np.array([101, 205, 309], dtype=np.int64))
