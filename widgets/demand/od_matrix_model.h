#pragma once
// An OD matrix as a table: zones x zones plus a "Total" row and column (row totals =
// productions, column totals = attractions), cells shaded by value (a heat map over the
// off-total cells), raw values under Qt::UserRole for sorting. OdMatrixSortProxy sorts the
// zone rows by any column and keeps the Total row last in both orders.
#include <QAbstractTableModel>
#include <QSortFilterProxyModel>
#include <QString>
#include <vector>

#include "ekm/demand/od_io.h"

namespace ekm::widgets {

class OdMatrixModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  explicit OdMatrixModel(QObject* parent = nullptr);

  void setMatrix(demand::NamedOdMatrix od);
  const demand::NamedOdMatrix& matrix() const { return m_od; }
  int zoneCount() const { return static_cast<int>(m_od.zoneIds.size()); }

  double rowTotal(int origin) const { return m_rowTotals.at(static_cast<std::size_t>(origin)); }
  double columnTotal(int destination) const { return m_columnTotals.at(static_cast<std::size_t>(destination)); }
  double grandTotal() const { return m_total; }
  bool isTotalRow(int row) const { return row == zoneCount(); }
  bool isTotalColumn(int column) const { return column == zoneCount(); }
  // The value shown at (row, column), totals included.
  double value(int row, int column) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

  // Wide CSV: "origin,<zone ids...>,total", one row per origin, then the totals row (values
  // with full precision, UTF-8). Throws core::IoError when the file cannot be written.
  void writeCsv(const QString& path) const;

 private:
  demand::NamedOdMatrix m_od;
  std::vector<double> m_rowTotals, m_columnTotals;
  double m_total = 0;
  double m_maxCell = 0;
};

class OdMatrixSortProxy : public QSortFilterProxyModel {
  Q_OBJECT

 public:
  explicit OdMatrixSortProxy(QObject* parent = nullptr);

 protected:
  bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;
};

}  // namespace ekm::widgets
