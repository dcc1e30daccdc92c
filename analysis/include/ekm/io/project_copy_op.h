#pragma once
// Operation `project-copy`: a project moved between a GeoPackage file and a PostgreSQL/PostGIS
// schema, both ways and without loss (ekm/store/project_copy.h); `ekimachi-cli project copy
// SRC DST`. The source and destination are its own: it needs no open project.
#include <string>

#include "ekm/ops/operation.h"
#include "ekm/store/project_copy.h"

namespace ekm::io {

struct ProjectCopyParams {
  std::string source;
  std::string destination;

  template <class V>
  void fields(V& v) {
    v("source", source, {.help = "the project: a .gpkg file or a PostgreSQL location "
                                 "(postgresql://user@host/db?schema=NAME, or 'service=NAME schema=NAME')",
                         .required = true, .positional = 0});
    v("destination", destination, {.help = "where the copy goes: a new .gpkg file or a PostgreSQL schema without "
                                           "tables (the other kind than the source)",
                                   .required = true, .positional = 1});
  }
  void validate() const;
};

struct ProjectCopyOp {
  static constexpr const char* name = "project-copy";
  static constexpr const char* summary =
      "copy a project between a GeoPackage file and a PostgreSQL/PostGIS schema (both ways, lossless)";
  static constexpr bool writesProject = false;
  using Params = ProjectCopyParams;
  using Result = store::ProjectCopyResult;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

}  // namespace ekm::io
