#include "ekm/io/project_new_op.h"

#include <filesystem>

#include "ekm/core/error.h"
#include "ekm/store/project.h"
#include "ekm/store/schema_version.h"

namespace ekm::io {

void ProjectNewParams::validate() const {
  std::error_code ec;
  if (std::filesystem::exists(path, ec))
    throw core::ValidationError("the file exists (a new project never overwrites)",
                                core::ErrorContext{path, std::nullopt, std::nullopt, "path", "a new file", "an existing file"});
}

ProjectNewResult ProjectNewOp::run(ops::Session&, const Params& params, core::Feedback& feedback) {
  params.validate();
  feedback.throwIfCancelled();
  store::Project::create(params.path);
  return {params.path, store::kProjectSchemaVersion};
}

ops::OpResult ProjectNewOp::record(const Result& r) {
  ops::OpResult out;
  out.summary = {{"project", r.path}, {"schema_version", r.schemaVersion}};
  out.outputs.push_back(r.path);
  return out;
}

}  // namespace ekm::io
