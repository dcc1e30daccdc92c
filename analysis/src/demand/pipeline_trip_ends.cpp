// Phase 3 of the project demand pipeline: trip ends (see project_pipeline.h).
#include "ekm/demand/project_pipeline.h"

namespace ekm::demand {

TripEnds projectTripEnds(const store::Project& project, const ZoneSystem& zones, const TripEndOptions& options,
                         core::Feedback& feedback) {
  TripEndSources sources;
  sources.stays = options.useStays;
  sources.stations = options.useStations;
  return tripEndsFromProject(project, zones, options.from, options.to, sources, feedback);
}

}  // namespace ekm::demand
