#pragma once
// The Scenarios dock's comparison of two runs: the values they differ in (RunComparisonModel,
// largest |B − A| first; all tables or one, changed values only or all), and the controls to
// show one column of a cell or segment table on the map and to export the comparison (CSV
// per table and GeoJSON difference layers, as `ekimachi-cli compare --out DIR`).
#include <QWidget>
#include <memory>

#include "scenario/scenario_jobs.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace ekm::widgets {

class RunComparisonModel;

class ComparisonPanel : public QWidget {
  Q_OBJECT

 public:
  explicit ComparisonPanel(QWidget* parent = nullptr);

  // nullptr clears it.
  void setComparison(std::shared_ptr<const RunComparison> comparison);
  const std::shared_ptr<const RunComparison>& comparison() const { return m_comparison; }
  // Whether "Show on Map" can place layers (the dock has somewhere to put them).
  void setMapAvailable(bool available);
  void setMessage(const QString& text);

  RunComparisonModel* model() const { return m_model; }
  QTableView* view() const { return m_view; }
  QComboBox* tableBox() const { return m_tableBox; }
  QComboBox* columnBox() const { return m_columnBox; }
  // The table "Show on Map" draws: the one filtered to, else the selected row's, else the
  // first that can be mapped (-1: none).
  int mapTable() const;
  QString mapColumn() const;

 signals:
  void showOnMapRequested(int table, const QString& column);
  void exportRequested();

 private:
  void updateMapControls();
  std::shared_ptr<const RunComparison> m_comparison;
  RunComparisonModel* m_model = nullptr;
  QLabel* m_title = nullptr;
  QComboBox* m_tableBox = nullptr;
  QCheckBox* m_changedOnly = nullptr;
  QTableView* m_view = nullptr;
  QComboBox* m_columnBox = nullptr;
  QPushButton* m_mapButton = nullptr;
  QPushButton* m_exportButton = nullptr;
  QLabel* m_message = nullptr;
  bool m_mapAvailable = false;
  int m_columnsOf = -2;  // the table the column box lists
};

}  // namespace ekm::widgets
