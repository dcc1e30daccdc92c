#pragma once
// Table model of a period comparison (one row per mesh cell): mesh code, mean daily total in
// A and B, change, % change, Welch p-value and the significance flag. Sortable by any column
// (missing numbers last), exportable as CSV.
#include <QAbstractTableModel>
#include <QString>
#include <vector>

#include "ekm/flow/compare.h"

namespace ekm::widgets {

class ComparisonTableModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { Code, MeanA, MeanB, Change, PercentChange, PValue, Significant, ColumnCount };

  explicit ComparisonTableModel(QObject* parent = nullptr);

  void setComparisons(std::vector<flow::Comparison> rows);
  const std::vector<flow::Comparison>& comparisons() const { return m_rows; }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
  void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

  // CSV (RFC 4180, '.' decimals, header in English for tools): mesh_code, mean_a, mean_b,
  // change, pct_change, p_value, significant; rows in the current order.
  QString toCsv() const;
  // Writes toCsv() to a file; false (and *error) on failure.
  bool writeCsv(const QString& path, QString* error = nullptr) const;

 private:
  double number(const flow::Comparison& c, int column) const;
  std::vector<flow::Comparison> m_rows;
};

}  // namespace ekm::widgets
