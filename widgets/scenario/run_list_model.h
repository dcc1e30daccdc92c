#pragma once
// The scenario runs stored in the project (store::listRuns), newest first: run id, scenario,
// start (local time), duration, program commit — what `ekimachi-cli runs list` prints.
#include <QAbstractTableModel>
#include <cstdint>
#include <optional>
#include <vector>

#include "ekm/store/run_store.h"

namespace ekm::widgets {

class RunListModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { Id, Scenario, Started, Duration, Commit, ColumnCount };

  explicit RunListModel(QObject* parent = nullptr);

  // Runs as listRuns gives them (oldest first); shown newest first.
  void setRuns(std::vector<store::RunRecord> runs);
  const std::vector<store::RunRecord>& runs() const { return m_runs; }  // newest first
  const store::RunRecord& run(int row) const { return m_runs.at(static_cast<std::size_t>(row)); }
  // The row of a run id, or -1.
  int rowOf(std::int64_t id) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  std::vector<store::RunRecord> m_runs;
};

}  // namespace ekm::widgets
