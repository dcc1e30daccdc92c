// The assign operation's Params checks, in a file of their own: the lean `ekimachi-assign`
// (TNTP files only) reads and checks the same Params without linking the project run.
#include "ekm/demand/ops/assign_op.h"

namespace ekm::demand {

namespace {

void projectOnly(bool given, const char* field) {
  if (given) throwParam(std::string(field) + " is for a project's street network, not TNTP files", field,
                        "no " + std::string(field) + " with tntp_net", "given");
}

void tntpOnly(bool given, const char* field) {
  if (given) throwParam(std::string(field) + " is for TNTP files (tntp_net)", field, "tntp_net", "a project");
}

}  // namespace

void AssignParams::validate() const {
  network.validate();
  demand.validate();
  edits.validate();
  if (onTntp()) {
    if (tntp_trips.empty()) throwParam("missing parameter", "tntp_trips", "a TNTP trips file", "nothing");
    projectOnly(!network.isDefault(), "network options");
    projectOnly(!demand.od.empty(), "od");
    projectOnly(demand.hours.given(), "from");
    projectOnly(edits.given(), "edits");
    projectOnly(!turns.empty(), "turns");
  } else {
    tntpOnly(!tntp_trips.empty(), "tntp_trips");
    tntpOnly(toll_factor.has_value(), "toll_factor");
    tntpOnly(distance_factor.has_value(), "distance_factor");
    tntpOnly(!skims.empty(), "skims");
    tntpOnly(!select_link.empty(), "select_link");
    tntpOnly(!select_link_out.empty(), "select_link_out");
    tntpOnly(!compare.empty(), "compare");
  }
  if (!select_link.empty()) {
    if (assignment.algorithm != "b") throwParam("select_link needs algorithm b", "algorithm", "b", assignment.algorithm);
    if (select_link_out.empty()) throwParam("select_link needs select_link_out", "select_link_out", "a file", "nothing");
    if (select_link.find(',') == std::string::npos)
      throwParam("bad link", "select_link", "I,J of a link in the network", select_link);
  }
}

}  // namespace ekm::demand
