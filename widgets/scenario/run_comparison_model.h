#pragma once
// The values two runs differ in (scenario::compareRuns), one row per compared value: step,
// table, key, column, A, B and B − A, the largest |B − A| first (values found in only one
// run after them); optionally one table only, and only the values that changed.
#include <QAbstractTableModel>
#include <QStringList>
#include <vector>

#include "ekm/scenario/run_compare.h"

namespace ekm::widgets {

class RunComparisonModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { Step, Table, Key, ValueColumn, A, B, Diff, ColumnCount };

  explicit RunComparisonModel(QObject* parent = nullptr);

  void setTables(std::vector<scenario::TableComparison> tables);
  const std::vector<scenario::TableComparison>& tables() const { return m_tables; }
  // "step / table" per table, in order.
  QStringList tableNames() const;
  // -1: every table.
  void setTableFilter(int table);
  int tableFilter() const { return m_tableFilter; }
  // Only values that differ (a value found in one run only counts as changed, as in
  // `ekimachi-cli compare`).
  void setChangedOnly(bool changedOnly);
  bool changedOnly() const { return m_changedOnly; }

  const scenario::TableComparison& tableOfRow(int row) const;
  const scenario::ValueChange& changeOfRow(int row) const;
  int tableIndexOfRow(int row) const;
  // Values changed per table (the filter ignored).
  int changedCount(int table) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

  // The text of a key ("53393569141", "z1/z2").
  static QString keyText(const scenario::ValueChange& change);

 private:
  struct Row {
    int table = 0;
    int change = 0;
  };
  void rebuild();
  std::vector<scenario::TableComparison> m_tables;
  std::vector<Row> m_rows;
  int m_tableFilter = -1;
  bool m_changedOnly = true;
};

}  // namespace ekm::widgets
