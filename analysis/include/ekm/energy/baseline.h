#pragma once
// The rule-based operation the optimised plan is compared with, and the re-dispatch of a
// plan made on a forecast when the actual demand arrives.
//
// Baseline (what a plant without an optimiser does): storage is charged in the plant's
// charge hours (default 22-07 h, the night band) up to full, and discharged evenly over
// the other hours of the day (never more than the demand or the discharge limit); the
// units follow the rest of the load in merit order (best full-load COP at the hour's
// temperatures first), each running unit loaded in that order above its minimum; heating
// is served first by the units that can only heat, then heat pumps, which then are not
// available for cooling in that hour. If the units cannot meet an hour, the storage gives
// what it can beyond its even share.
//
// Re-dispatch (no foresight, hour by hour): the units the plan committed stay on, the
// storage is charged as planned (as far as there is room) and discharged as planned;
// when the actual demand is higher the storage gives more, then more units start in merit
// order; when it is lower the storage gives less, then committed units are shed from the
// worst; what still cannot be avoided is false loading.
#include "ekm/energy/dispatch.h"

namespace ekm::energy {

// Throws PlantInfeasibleError naming the hours the rules cannot meet.
Dispatch baselineDispatch(const Plant& plant, const PlanInput& input);

// `plan` was made for the same hours on a forecast; returns the dispatch on `actual`.
// Throws PlantInfeasibleError when the actual demand exceeds what the plant can give.
Dispatch redispatch(const Plant& plant, const PlanInput& actual, const Dispatch& plan);

}  // namespace ekm::energy
