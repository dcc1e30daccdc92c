#include "scenario/run_list_model.h"

#include <QDateTime>
#include <QLocale>
#include <algorithm>

namespace ekm::widgets {

RunListModel::RunListModel(QObject* parent) : QAbstractTableModel(parent) {}

void RunListModel::setRuns(std::vector<store::RunRecord> runs) {
  beginResetModel();
  m_runs = std::move(runs);
  std::reverse(m_runs.begin(), m_runs.end());
  endResetModel();
}

int RunListModel::rowOf(std::int64_t id) const {
  for (std::size_t i = 0; i < m_runs.size(); ++i)
    if (m_runs[i].fid == id) return static_cast<int>(i);
  return -1;
}

int RunListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_runs.size());
}

int RunListModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant RunListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const store::RunRecord& r = m_runs[static_cast<std::size_t>(index.row())];
  if (role == Qt::TextAlignmentRole && (index.column() == Id || index.column() == Duration))
    return QVariant(Qt::AlignRight | Qt::AlignVCenter);
  if (role == Qt::ToolTipRole) {
    return tr("Scenario file: %1\nStarted %2, finished %3 (UTC)\nProgram %4, commit %5")
        .arg(QString::fromStdString(r.scenarioFile.empty() ? std::string("—") : r.scenarioFile),
             QString::fromStdString(r.startedAt), QString::fromStdString(r.finishedAt),
             QString::fromStdString(r.programVersion), QString::fromStdString(r.programCommit));
  }
  if (role != Qt::DisplayRole && role != Qt::EditRole) return {};
  switch (index.column()) {
    case Id: return static_cast<qlonglong>(r.fid);
    case Scenario: return QString::fromStdString(r.name);
    case Started: {
      const QDateTime t = QDateTime::fromString(QString::fromStdString(r.startedAt), Qt::ISODate);
      return t.isValid() ? QLocale().toString(t.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                         : QString::fromStdString(r.startedAt);
    }
    case Duration: return QLocale().toString(r.durationS, 'f', 2);
    case Commit: return QString::fromStdString(r.programCommit);
    default: return {};
  }
}

QVariant RunListModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
  switch (section) {
    case Id: return tr("Run");
    case Scenario: return tr("Scenario");
    case Started: return tr("Started");
    case Duration: return tr("Seconds");
    case Commit: return tr("Commit");
    default: return {};
  }
}

}  // namespace ekm::widgets
