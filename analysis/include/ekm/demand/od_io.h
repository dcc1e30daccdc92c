#pragma once
// OD matrices with zone ids: CSV (long format), an OMX-style folder, and the project store
// (OpenMatrix HDF5 files: omx_file.h).
//
// CSV long format: header "origin,destination,<value>" (default value column "trips";
// extra columns are ignored, so the skims CSV of `ekimachi-cli assign` reads with
// value column "cost"). Zone ids are text; a missing pair is 0 (or +inf for costs,
// see readCostCsv). Negative or non-finite trips, duplicate pairs and unknown zones
// (when the zone list is given) throw ParseError/ValidationError with file and line.
//
// OMX-style folder (the structure of an OpenMatrix file written as plain files; the older
// exchange layout of `ekimachi-cli od --format omx-folder`. Real OpenMatrix files, which are
// HDF5, are read and written by ekm/demand/omx_file.h):
//   DIR/metadata.json   {"format": "ekimachi-omx-folder", "version": 1, "shape": [n, n],
//                        "matrices": ["trips", ...], "zone_mapping": "zones.csv",
//                        "attributes": {...}}
//   DIR/zones.csv       "index,zone_id" (index 0..n-1, the row/column order; OMX's
//                        "lookup" mapping)
//   DIR/<matrix>.csv    n lines of n comma-separated values (row = origin), no header
//
// Project store: attribute table `od_matrices` (registered in gpkg_contents as
// data_type 'attributes'), created on first save:
//   od_matrices (fid INTEGER PRIMARY KEY, period TEXT NOT NULL, origin TEXT NOT NULL,
//                destination TEXT NOT NULL, trips REAL NOT NULL,
//                UNIQUE (period, origin, destination))
// A saved period holds every non-zero cell plus the diagonal cell of every zone (also
// when 0), so the zone list and its order (fid order of the diagonal) survive a round
// trip. Saving a period replaces it, in one transaction.
#include <map>
#include <string>
#include <vector>

#include "ekm/demand/network.h"

namespace ekm::store {
class Project;
}

namespace ekm::demand {

struct NamedOdMatrix {
  std::vector<std::string> zoneIds;  // row/column order
  OdMatrix matrix;
  int indexOf(const std::string& zoneId) const;  // -1 if absent
};

// Zone order when `zones` is empty: all ids numeric -> numeric order, else text order.
NamedOdMatrix readOdCsv(const std::string& path, const std::string& valueColumn = "trips",
                        const std::vector<std::string>& zones = {});
// Like readOdCsv, but pairs not listed are +inf (unreachable) instead of 0, and
// negative values are rejected.
NamedOdMatrix readCostCsv(const std::string& path, const std::string& valueColumn = "cost",
                          const std::vector<std::string>& zones = {});
// Writes "origin,destination,trips" rows; zero cells are left out unless writeZeros.
void writeOdCsv(const std::string& path, const NamedOdMatrix& od, bool writeZeros = false,
                const std::string& valueColumn = "trips");

struct TripEndTable {
  std::vector<std::string> zoneIds;
  std::vector<double> productions;
  std::vector<double> attractions;
};
// "zone,production,attraction"
TripEndTable readTripEndsCsv(const std::string& path);
void writeTripEndsCsv(const std::string& path, const TripEndTable& ends);
// Reorders trip ends to `zones` (zones missing from the table get 0; a trip-end zone not
// in `zones` throws ValidationError).
TripEndTable alignTripEnds(const TripEndTable& ends, const std::vector<std::string>& zones);

// OMX-style folder; `matrices` maps matrix name -> values (all share zoneIds).
void writeOmxFolder(const std::string& dir, const std::vector<std::string>& zoneIds,
                    const std::map<std::string, OdMatrix>& matrices,
                    const std::map<std::string, std::string>& attributes = {});
// Reads one matrix ("trips" by default) of an OMX-style folder.
NamedOdMatrix readOmxFolder(const std::string& dir, const std::string& matrixName = "trips");

// Project store (see above).
void saveOdMatrix(store::Project& project, const std::string& period, const NamedOdMatrix& od);
NamedOdMatrix loadOdMatrix(const store::Project& project, const std::string& period);  // ValidationError if absent
std::vector<std::string> odPeriods(const store::Project& project);  // empty if the table does not exist
void deleteOdMatrix(store::Project& project, const std::string& period);

}  // namespace ekm::demand
