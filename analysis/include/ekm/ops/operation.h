#pragma once
// One user-facing operation, written once for the CLI, the GUI and scenario files
// (QGIS Processing's algorithm, Valhalla's actor and OSRM's plugin parameters are the
// models). An operation is a definition struct:
//
//   struct ProfileOp {
//     static constexpr const char* name = "profile";
//     static constexpr const char* summary = "Hour-of-day profiles of one feature";
//     static constexpr bool writesProject = false;
//     using Params = ProfileParams;   // fields() visitor, see params.h
//     using Result = ProfileResult;
//     static Result run(Session&, const Params&, core::Feedback&);
//     static OpResult record(const Result&);   // for stored runs and generic callers
//   };
//
// Typed callers (a CLI command, a dock) call ops::run<ProfileOp>(session, params, fb);
// generic callers (`ops run`, the scenario runner, the generated form) go through the
// registry with JSON params. Both end in the same Op::run.
#include <memory>
#include <string>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/ops/params.h"
#include "ekm/ops/result.h"
#include "ekm/ops/session.h"

namespace ekm::ops {

class Operation {
 public:
  virtual ~Operation() = default;
  virtual std::string name() const = 0;
  virtual std::string summary() const = 0;
  // True when it changes the project (imports, stored matrices): the scenario runner
  // refuses such steps, so a run never changes the data it reads.
  virtual bool writesProject() const = 0;
  virtual std::vector<FieldInfo> fields() const = 0;
  virtual Json paramsSchema() const = 0;
  // Validates JSON params (types, domain, required, unknown keys, cross-field checks)
  // and returns them normalised with every default filled in. Throws ParamError.
  virtual Json normalise(const Json& params, const ParamSource& source) const = 0;
  // Validates, runs and records. Throws core::Error (CancelledError when cancelled).
  virtual OpResult run(Session& session, const Json& params, core::Feedback& feedback) const = 0;
};

// Runs a typed operation: checks the params first, with the same checks as JSON params
// (required fields, ranges, choices, then Params::validate()).
template <class Op>
typename Op::Result run(Session& session, const typename Op::Params& params, core::Feedback& feedback) {
  checkParams(params);
  return Op::run(session, params, feedback);
}

template <class Op>
class TypedOperation final : public Operation {
 public:
  std::string name() const override { return Op::name; }
  std::string summary() const override { return Op::summary; }
  bool writesProject() const override { return Op::writesProject; }
  std::vector<FieldInfo> fields() const override { return fieldsOf<typename Op::Params>(); }
  Json paramsSchema() const override { return schemaOf<typename Op::Params>(Op::name); }
  Json normalise(const Json& params, const ParamSource& source) const override {
    return toJson(fromJson<typename Op::Params>(params, source));
  }
  OpResult run(Session& session, const Json& params, core::Feedback& feedback) const override {
    const auto typed = fromJson<typename Op::Params>(params);
    return Op::record(Op::run(session, typed, feedback));
  }
};

template <class Op>
std::unique_ptr<Operation> makeOperation() {
  return std::make_unique<TypedOperation<Op>>();
}

}  // namespace ekm::ops
