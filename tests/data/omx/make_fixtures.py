#!/usr/bin/python3
"""Writes the malformed OpenMatrix (OMX 0.2) fixtures of tests/demand/od_omx_test.cpp.

Run with Debian's h5py (python3-h5py, installed by scripts/setup-deps.sh):
    /usr/bin/python3 tests/data/omx/make_fixtures.py
Each file is a small OMX layout (root OMX_VERSION and SHAPE, /data, /lookup) with one defect.
"""
import os

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def omx(name, shape, matrix, lookup=None, dtype=np.float64):
    with h5py.File(os.path.join(HERE, name), "w", track_order=False) as f:
        f.attrs["OMX_VERSION"] = np.bytes_(b"0.2")
        f.attrs["SHAPE"] = np.array(shape, dtype=np.int32)
        f.create_dataset("data/trips", data=np.asarray(matrix, dtype=dtype), track_times=False)
        if lookup is None:
            return
        if len(lookup):
            f.create_dataset("lookup/zone_id", data=np.asarray(lookup, dtype=np.int32), track_times=False)
        else:
            f.create_group("lookup")  # an empty /lookup group


# SHAPE says 4 x 4, the matrix is 3 x 3.
omx("bad_shape.omx", [4, 4], np.ones((3, 3)), [1, 2, 3])
# A 2 x 3 matrix (SHAPE agrees): not an OD matrix.
omx("non_square.omx", [2, 3], np.ones((2, 3)), [])
# A negative cell at origin 20, destination 10 (row 1, column 0).
omx("negative_trips.omx", [2, 2], [[1.0, 2.0], [-3.0, 4.0]], [10, 20])
# A NaN cell.
omx("nan_trips.omx", [2, 2], [[1.0, float("nan")], [3.0, 4.0]], [10, 20])
# No /lookup group at all, int32 trips: zones 1..n, integers converted to double.
omx("no_lookup.omx", [2, 2], [[7, 0], [1, 2]], dtype=np.int32)
