// The results of a project's stored runs, read and parsed once (stored_run_results.h).
#include "render/stored_run_results.h"

#include "ekm/store/catalog.h"

namespace ekm::render {

StoredRunResults::StoredRunResults(store::Project& project) : m_project(project) {
  if (store::hasTable(project, "ekm_runs")) m_runs = store::listRuns(project);
  m_steps.resize(m_runs.size());
}

bool StoredRunResults::findNewest(const std::function<bool(const Step&)>& found) {
  for (std::size_t r = m_runs.size(); r-- > 0;) {
    auto& steps = m_steps[r];
    if (!steps) {
      steps.emplace();
      steps->records = store::runSteps(m_project, m_runs[r].fid);
      steps->results.resize(steps->records.size());
    }
    for (std::size_t i = 0; i < steps->records.size(); ++i) {
      auto& result = steps->results[i];
      if (!result) {
        result = ops::opResultFromJson(ops::Json::parse(steps->records[i].resultJson));
        ++m_parsed;
      }
      if (found(Step{m_runs[r], steps->records[i].stepId, *result})) return true;
    }
  }
  return false;
}

}  // namespace ekm::render
