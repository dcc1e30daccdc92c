#pragma once
// Operation `project-new`: an empty project file (this program's schema; a GeoPackage that QGIS
// and ogrinfo open) to import a district's data into; `ekimachi-cli project new FILE` and the
// GUI's File > New Project. Never overwrites an existing file.
#include <string>

#include "ekm/ops/operation.h"

namespace ekm::io {

struct ProjectNewParams {
  std::string path;

  template <class V>
  void fields(V& v) {
    v("path", path, {.help = "the new project file (.gpkg); it must not exist", .required = true,
                     .role = ops::Role::OutputFile, .positional = 0});
  }
  void validate() const;
};

struct ProjectNewResult {
  std::string path;
  int schemaVersion = 0;
};

struct ProjectNewOp {
  static constexpr const char* name = "project-new";
  static constexpr const char* summary = "create an empty project file (GeoPackage) to import a district's data into";
  static constexpr bool writesProject = false;
  using Params = ProjectNewParams;
  using Result = ProjectNewResult;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

}  // namespace ekm::io
