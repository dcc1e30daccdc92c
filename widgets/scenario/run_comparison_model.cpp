#include "scenario/run_comparison_model.h"

#include <QBrush>
#include <QColor>
#include <QLocale>
#include <algorithm>
#include <cmath>

namespace ekm::widgets {
namespace {

bool changed(const scenario::ValueChange& c) { return !(c.a == c.b); }

QString number(double v) {
  if (!std::isfinite(v)) return QStringLiteral("—");
  return QLocale().toString(v, 'g', 7);
}

}  // namespace

RunComparisonModel::RunComparisonModel(QObject* parent) : QAbstractTableModel(parent) {}

void RunComparisonModel::setTables(std::vector<scenario::TableComparison> tables) {
  m_tables = std::move(tables);
  m_tableFilter = -1;
  rebuild();
}

QStringList RunComparisonModel::tableNames() const {
  QStringList names;
  for (const auto& t : m_tables)
    names << QStringLiteral("%1 / %2").arg(QString::fromStdString(t.stepId), QString::fromStdString(t.table));
  return names;
}

void RunComparisonModel::setTableFilter(int table) {
  m_tableFilter = table >= 0 && table < static_cast<int>(m_tables.size()) ? table : -1;
  rebuild();
}

void RunComparisonModel::setChangedOnly(bool changedOnly) {
  m_changedOnly = changedOnly;
  rebuild();
}

void RunComparisonModel::rebuild() {
  beginResetModel();
  m_rows.clear();
  for (int t = 0; t < static_cast<int>(m_tables.size()); ++t) {
    if (m_tableFilter >= 0 && t != m_tableFilter) continue;
    const auto& changes = m_tables[static_cast<std::size_t>(t)].changes;
    for (int c = 0; c < static_cast<int>(changes.size()); ++c)
      if (!m_changedOnly || changed(changes[static_cast<std::size_t>(c)])) m_rows.push_back({t, c});
  }
  // Largest |B - A| first; values of one run only (no difference) last.
  auto magnitude = [this](const Row& r) {
    const double d = m_tables[static_cast<std::size_t>(r.table)].changes[static_cast<std::size_t>(r.change)].diff();
    return std::isfinite(d) ? std::abs(d) : -1.0;
  };
  std::stable_sort(m_rows.begin(), m_rows.end(), [&](const Row& x, const Row& y) { return magnitude(x) > magnitude(y); });
  endResetModel();
}

const scenario::TableComparison& RunComparisonModel::tableOfRow(int row) const {
  return m_tables.at(static_cast<std::size_t>(m_rows.at(static_cast<std::size_t>(row)).table));
}

const scenario::ValueChange& RunComparisonModel::changeOfRow(int row) const {
  const Row& r = m_rows.at(static_cast<std::size_t>(row));
  return m_tables.at(static_cast<std::size_t>(r.table)).changes.at(static_cast<std::size_t>(r.change));
}

int RunComparisonModel::tableIndexOfRow(int row) const { return m_rows.at(static_cast<std::size_t>(row)).table; }

int RunComparisonModel::changedCount(int table) const {
  int n = 0;
  for (const auto& c : m_tables.at(static_cast<std::size_t>(table)).changes) n += changed(c) ? 1 : 0;
  return n;
}

QString RunComparisonModel::keyText(const scenario::ValueChange& change) {
  QStringList parts;
  for (const auto& k : change.key)
    parts << QString::fromStdString(k.is_string() ? k.get<std::string>() : k.dump());
  return parts.join(u'/');
}

int RunComparisonModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int RunComparisonModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant RunComparisonModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const auto& t = tableOfRow(index.row());
  const auto& c = changeOfRow(index.row());
  const int col = index.column();
  if (role == Qt::TextAlignmentRole && col >= A) return QVariant(Qt::AlignRight | Qt::AlignVCenter);
  if (role == Qt::ForegroundRole && col == Diff && std::isfinite(c.diff()) && c.diff() != 0)
    return QBrush(c.diff() > 0 ? QColor(0xb2, 0x18, 0x2b) : QColor(0x21, 0x66, 0xac));  // RdBu ends, as the map
  if (role == Qt::UserRole) {
    // Numbers for scripts and tests.
    switch (col) {
      case A: return c.a;
      case B: return c.b;
      case Diff: return c.diff();
      default: break;
    }
  }
  if (role != Qt::DisplayRole) return {};
  switch (col) {
    case Step: return QString::fromStdString(t.stepId);
    case Table: return QString::fromStdString(t.table);
    case Key: return keyText(c);
    case ValueColumn: return QString::fromStdString(c.column);
    case A: return number(c.a);
    case B: return number(c.b);
    case Diff: return std::isfinite(c.diff()) ? (c.diff() > 0 ? QStringLiteral("+") : QString()) + number(c.diff())
                                              : QStringLiteral("—");
    default: return {};
  }
}

QVariant RunComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
  switch (section) {
    case Step: return tr("Step");
    case Table: return tr("Table");
    case Key: return tr("Key");
    case ValueColumn: return tr("Column");
    case A: return tr("Run A");
    case B: return tr("Run B");
    case Diff: return tr("B − A");
    default: return {};
  }
}

}  // namespace ekm::widgets
