#pragma once
// How the display CRS relates to the ground at the centre of a view, from PROJ: metres per
// map unit (for the scale bar; not 1 in Web Mercator) and the direction of true north (for
// the north arrow; grid north is off by the meridian convergence).
#include <optional>

#include "ekm/geo/transformer.h"
#include "render/map_settings.h"

namespace ekm::render {

struct GroundGeometry {
  double metresPerMapUnit = 1;  // ground metres per display-CRS unit (about 1 for plane zones)
  double northAngleDeg = 0;     // true north, clockwise from the map's up direction
};

// At the centre of `extent`, given the display CRS -> EPSG:4326 transform (nullopt if PROJ
// fails). Distances on the GRS80 ellipsoid (local radii of curvature).
std::optional<GroundGeometry> groundGeometry(const geo::Transformer& toLonLat, const Extent& extent);
// The same for a display CRS given by its EPSG code.
std::optional<GroundGeometry> groundGeometry(int displayEpsg, const Extent& extent);

}  // namespace ekm::render
