// The assign operation: the two networks it runs on, and its record (its checks: assign_params.cpp).
#include "ekm/demand/ops/assign_op.h"

#include "demand/ops/assign_runs.h"

namespace ekm::demand {

AssignOutcome AssignOp::run(ops::Session& session, const Params& params, core::Feedback& feedback,
                            const AssignHooks& hooks) {
  if (params.onTntp()) return assignTntp(session, params, feedback, hooks);
  if (!session.hasProject())
    throwParam("assign needs TNTP files or a project", "tntp_net", "tntp_net and tntp_trips, or a project", "neither");
  return assignProject(session, params, feedback, hooks);
}

namespace {

// The corridors along the assigned streets, ranked: their volumes (walkers: the small-count
// rule applies), length and the streets they follow (segment ids in travel order, once each),
// so a report can draw them and quote their numbers from the stored run.
ops::ResultTable corridorTable(const AssignOutcome& r) {
  ops::ResultTable t{"corridors", {"rank", "peak_volume", "mean_volume", "length_m", "links", "segment_ids"}, 1, {}, ""};
  for (std::size_t k = 0; k < r.corridors.size(); ++k) {
    const Corridor& c = r.corridors[k];
    std::string ids;
    std::string last;
    for (int a : c.links) {
      if (a < 0 || static_cast<std::size_t>(a) >= r.links.size()) continue;
      const std::string& id = r.links[static_cast<std::size_t>(a)].segmentId;
      if (id == last || id.rfind("connector:", 0) == 0) continue;
      ids += (ids.empty() ? "" : " ") + id;
      last = id;
    }
    t.rows.push_back({static_cast<int>(k) + 1, jsonNumber(c.peakVolume), jsonNumber(c.meanVolume), jsonNumber(c.length),
                      static_cast<int>(c.links.size()), ids});
  }
  return t;
}

}  // namespace

ops::OpResult AssignOp::record(const Result& r) {
  ops::OpResult out;
  out.summary = {{"network", r.onProject ? "project" : "tntp"},
                 {"algorithm", algorithmName(r.options.algorithm)},
                 {"converged", r.result.converged},
                 {"iterations", r.iterations()},
                 {"relative_gap", jsonNumber(r.result.relativeGap)},
                 {"tstt", jsonNumber(r.result.tstt)},
                 {"demand", jsonNumber(r.demand.total())}};
  if (r.onProject) {
    const auto& net = r.project.network;
    out.summary["od"] = r.project.odDescription;
    out.summary["zones"] = net.network.zones.zones.size();
    out.summary["zones_left_out"] = net.droppedZones.size();
    out.summary["intrazonal_trips"] = jsonNumber(r.project.intrazonalTrips);
    out.summary["unconnected_trips"] = jsonNumber(r.project.unconnectedTrips);
    out.summary["added_links"] = r.addedNames.size();
    out.summary["closed_links"] = r.closedLinks;
    out.summary["turn_rules"] = r.turnRules;
    out.tables.push_back(segmentFlowTable("link_flows", r.links));
    out.tables.push_back(corridorTable(r));
  } else {
    ops::ResultTable t;
    t.name = "link_flows";
    t.columns = {"link", "from", "to", "volume", "time", "cost"};
    for (int a = 0; a < r.network.linkCount(); ++a) {
      const auto& l = r.network.link(a);
      t.rows.push_back({a + 1, l.from + 1, l.to + 1, jsonNumber(r.result.volume[a]), jsonNumber(r.result.time[a]),
                        jsonNumber(r.result.cost[a])});
    }
    out.tables.push_back(std::move(t));
  }
  for (const auto* path : {&r.outPath, &r.skimsPath})
    if (!path->empty()) out.outputs.push_back(*path);
  if (r.selectLink) out.outputs.push_back(r.selectLink->path);
  out.warnings = r.warnings;
  if (!r.result.converged) out.warnings.push_back(notConvergedWarning(r.result, r.options.relativeGap));
  return out;
}

}  // namespace ekm::demand
