#!/usr/bin/python3
"""Independent reader of an OMX file written by Ekimachi: prints what h5py sees.

usage: h5py_read_omx.py FILE.omx MATRIX
prints: version=..., shape=R,C, dtype=..., chunked=0|1, compression=..., sum=..., lookup=...,
lookup_dtype=..., cells=v00;v01;v10 (the first cells, repr) and attr NAME=VALUE per root attribute.
"""
import sys

import h5py
import numpy as np


def text(v):
    if isinstance(v, (bytes, np.bytes_)):
        return v.decode("utf-8")
    if isinstance(v, np.ndarray):
        return ",".join(str(int(x)) for x in v)
    return str(v)


path, name = sys.argv[1], sys.argv[2]
with h5py.File(path, "r") as f:
    m = f["data"][name]
    a = m[()]
    print("version=" + text(f.attrs["OMX_VERSION"]))
    print("shape=" + text(f.attrs["SHAPE"]))
    print("shape_dtype=" + str(f.attrs["SHAPE"].dtype))
    print("dtype=" + str(m.dtype))
    print("chunked=" + ("1" if m.chunks else "0"))
    print("compression=" + str(m.compression))
    print("sum=%.17g" % float(np.sum(a)))
    lk = f["lookup"]["zone_id"][()]
    print("lookup=" + ";".join(text(x) for x in lk))
    print("lookup_dtype=" + f["lookup"]["zone_id"].dtype.kind)
    print("cells=%r;%r;%r" % (float(a[0, 0]), float(a[0, 1]), float(a[1, 0])))
    for k in sorted(f.attrs):
        if k not in ("OMX_VERSION", "SHAPE"):
            print("attr %s=%s" % (k, text(f.attrs[k])))
