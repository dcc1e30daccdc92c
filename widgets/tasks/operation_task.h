#pragma once
// A dock's submission of one operation (ekm/ops/operation.h) to the TaskManager: the filled
// Params are copied to a worker, which makes its own ops::Session (own SQLite connection) for
// the project file and runs ops::run<Op> (the field checks, then Op::run); the typed
// Op::Result (or what `pick` takes of it) reaches `onSuccess` on the GUI thread.
//
//   m_task = submitOperation<mobility::KpiOp>(*tasks, tr("Ridership KPIs"), m_session->file(), params,
//       [this](mobility::KpiResult r) { show(std::move(r)); }, onError,
//       TaskOptions(QStringLiteral("mobility-kpi"), this));
#include <string>
#include <utility>

#include "ekm/ops/operation.h"
#include "tasks/task_manager.h"

namespace ekm::widgets {

// What a submission hands to onSuccess by default: the whole result.
struct WholeResult {
  template <class R>
  R operator()(R&& result) const {
    return std::forward<R>(result);
  }
};

template <class Op, typename Success, typename Pick = WholeResult>
TaskHandle submitOperation(TaskManager& tasks, const QString& title, std::string projectFile, typename Op::Params params,
                           Success onSuccess, std::function<void(const TaskError&)> onError = {},
                           TaskOptions options = {}, Pick pick = {}) {
  return tasks.run(
      title,
      [file = std::move(projectFile), params = std::move(params), pick = std::move(pick)](core::Feedback& feedback) {
        ops::Session session(file);  // this worker's own connection to the project
        return pick(ops::run<Op>(session, params, feedback));
      },
      std::move(onSuccess), std::move(onError), std::move(options));
}

}  // namespace ekm::widgets
