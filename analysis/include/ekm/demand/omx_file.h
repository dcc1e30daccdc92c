#pragma once
// OpenMatrix (OMX 0.2) files: the HDF5 matrix format planners exchange (EMME, VISUM, Cube,
// TransCAD, AequilibraE, ActivitySim all read and write it).
//
// Layout (https://github.com/osPlanning/omx/wiki/Specification):
//   /            attributes OMX_VERSION (string "0.2") and SHAPE (2 integers: rows, cols)
//   /data/NAME   one 2-D dataset per matrix, rows = origins, columns = destinations
//   /lookup/NAME 1-D datasets mapping a row/column index to a zone id (integer or string)
//
// Written: /data/<name> float64 n x n (chunked, deflate level 4), /lookup/zone_id (int32 when
// every zone id is a canonical decimal integer that fits, else a fixed-length UTF-8 string),
// OMX_VERSION "0.2" and SHAPE int32[2] on the root, the `attributes` as string attributes of
// the root. An existing file is replaced; a failed write leaves no file behind.
//
// Read: one matrix (any integer or floating-point dataset type, converted to double), zone
// ids from one lookup (integer, integral floating-point or string); with no lookup the zones
// are "1".."n". SHAPE must agree with the dataset (absent SHAPE: the dataset's dims), the
// matrix must be square, trips finite and >= 0 (as readOdCsv), zone ids unique.
// Errors: IoError (file missing, unreadable, HDF5 failure), ParseError (not HDF5, no /data,
// wrong types), ValidationError (unknown matrix or lookup, shape, values), each naming the file
// and the dataset or attribute, with expected and found.
//
// HDF5 types stay out of this header. The calls are safe from several threads (Debian builds
// HDF5 thread-safe; HDF5 then serialises them).
#include <map>
#include <string>
#include <vector>

#include "ekm/demand/od_io.h"

namespace ekm::demand {

struct OmxReadOptions {
  // Matrix under /data. Empty: "trips", or the only matrix of a file without "trips". A
  // matrix that is not there -> ValidationError listing the names.
  std::string matrix;
  // Lookup under /lookup. Empty: the only lookup, else the first of zone_id, zone, zones, taz
  // (any case); none of those among several -> ValidationError listing them; no lookup at
  // all -> zones "1".."n". Named but absent -> ValidationError listing the names.
  std::string lookup;
};

// The matrices and lookups of an OMX file (names in alphabetical order), for listings.
struct OmxContents {
  std::string version;  // OMX_VERSION, empty when absent
  std::vector<std::string> matrices;
  std::vector<std::string> lookups;
};

void writeOmx(const std::string& path, const std::vector<std::string>& zoneIds,
              const std::map<std::string, OdMatrix>& matrices,
              const std::map<std::string, std::string>& attributes = {});
NamedOdMatrix readOmx(const std::string& path, const OmxReadOptions& options = {});
OmxContents omxContents(const std::string& path);
// True when `path` is a readable HDF5 file (an OMX candidate); never throws.
bool isHdf5File(const std::string& path);

}  // namespace ekm::demand
