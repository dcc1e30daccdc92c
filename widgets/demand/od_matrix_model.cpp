#include "demand/od_matrix_model.h"

#include <QBrush>
#include <QColor>
#include <QFile>
#include <QFont>
#include <QLocale>
#include <algorithm>
#include <cstdio>
#include <fstream>

#include "ekm/core/error.h"

namespace ekm::widgets {

OdMatrixModel::OdMatrixModel(QObject* parent) : QAbstractTableModel(parent) {}

void OdMatrixModel::setMatrix(demand::NamedOdMatrix od) {
  beginResetModel();
  m_od = std::move(od);
  const int n = zoneCount();
  m_rowTotals.assign(static_cast<std::size_t>(n), 0.0);
  m_columnTotals.assign(static_cast<std::size_t>(n), 0.0);
  m_total = 0;
  m_maxCell = 0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      const double v = m_od.matrix(i, j);
      m_rowTotals[static_cast<std::size_t>(i)] += v;
      m_columnTotals[static_cast<std::size_t>(j)] += v;
      m_total += v;
      m_maxCell = std::max(m_maxCell, v);
    }
  endResetModel();
}

double OdMatrixModel::value(int row, int column) const {
  const int n = zoneCount();
  if (row == n && column == n) return m_total;
  if (row == n) return columnTotal(column);
  if (column == n) return rowTotal(row);
  return m_od.matrix(row, column);
}

int OdMatrixModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() || m_od.zoneIds.empty() ? 0 : zoneCount() + 1;
}
int OdMatrixModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() || m_od.zoneIds.empty() ? 0 : zoneCount() + 1;
}

QVariant OdMatrixModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid()) return {};
  const int r = index.row(), c = index.column();
  const bool total = isTotalRow(r) || isTotalColumn(c);
  switch (role) {
    case Qt::DisplayRole: {
      const double v = value(r, c);
      return QLocale().toString(v, 'f', v != 0 && v < 10 ? 1 : 0);
    }
    case Qt::UserRole:
      return value(r, c);
    case Qt::TextAlignmentRole:
      return int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::FontRole:
      if (total) {
        QFont f;
        f.setBold(true);
        return f;
      }
      return {};
    case Qt::BackgroundRole: {
      if (total) return QBrush(QColor(0xee, 0xee, 0xee));
      if (!(m_maxCell > 0)) return {};
      // White -> orange-red by the share of the largest cell (square root: small flows stay visible).
      const double t = std::sqrt(std::clamp(value(r, c) / m_maxCell, 0.0, 1.0));
      const QColor lo(0xff, 0xff, 0xff), hi(0xf0, 0x3b, 0x20);
      return QBrush(QColor::fromRgbF(lo.redF() + t * (hi.redF() - lo.redF()), lo.greenF() + t * (hi.greenF() - lo.greenF()),
                                     lo.blueF() + t * (hi.blueF() - lo.blueF())));
    }
    case Qt::ForegroundRole:
      if (!total && m_maxCell > 0 && value(r, c) / m_maxCell > 0.45) return QBrush(Qt::white);
      return {};
    default:
      return {};
  }
}

QVariant OdMatrixModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role == Qt::ToolTipRole)
    return orientation == Qt::Horizontal ? tr("Destination zone") : tr("Origin zone");
  if (role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
  if (section == zoneCount()) return tr("Total");
  if (section < 0 || section > zoneCount()) return {};
  return QString::fromStdString(m_od.zoneIds[static_cast<std::size_t>(section)]);
}

void OdMatrixModel::writeCsv(const QString& path) const {
  const std::string file = QFile::encodeName(path).toStdString();
  std::ofstream out(file);
  if (!out) throw core::IoError("cannot write the OD matrix", core::ErrorContext{file, {}, {}, "", "", ""});
  out.precision(12);
  auto quoted = [](const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char ch : s) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return q + "\"";
  };
  out << "origin";
  for (const auto& id : m_od.zoneIds) out << ',' << quoted(id);
  out << ",total\n";
  const int n = zoneCount();
  for (int r = 0; r <= n; ++r) {
    out << (r == n ? std::string("total") : quoted(m_od.zoneIds[static_cast<std::size_t>(r)]));
    for (int c = 0; c <= n; ++c) out << ',' << value(r, c);
    out << '\n';
  }
  out.flush();
  if (!out) throw core::IoError("write failed", core::ErrorContext{file, {}, {}, "", "", ""});
}

OdMatrixSortProxy::OdMatrixSortProxy(QObject* parent) : QSortFilterProxyModel(parent) {
  setSortRole(Qt::UserRole);
}

bool OdMatrixSortProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const {
  const auto* model = qobject_cast<const OdMatrixModel*>(sourceModel());
  if (model) {
    // The Total row stays last whichever way the rows are sorted.
    if (model->isTotalRow(left.row())) return sortOrder() == Qt::DescendingOrder;
    if (model->isTotalRow(right.row())) return sortOrder() == Qt::AscendingOrder;
  }
  return left.data(Qt::UserRole).toDouble() < right.data(Qt::UserRole).toDouble();
}

}  // namespace ekm::widgets
