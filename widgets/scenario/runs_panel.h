#pragma once
// The Scenarios dock's list of stored runs (RunListModel, newest first): pick two runs to
// compare (the older is A), or one to edit its scenario again or to show its results on the
// map (then the box below lists the run's tables and columns that can be drawn).
#include <QWidget>
#include <cstdint>
#include <vector>

#include "ekm/store/run_store.h"

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace ekm::widgets {

class RunListModel;

class RunsPanel : public QWidget {
  Q_OBJECT

 public:
  explicit RunsPanel(QWidget* parent = nullptr);

  void setRuns(std::vector<store::RunRecord> runs);
  void setMessage(const QString& text);
  RunListModel* model() const { return m_model; }
  QTableView* view() const { return m_view; }
  // Selects these runs (ids); unknown ids are ignored.
  void selectRuns(const std::vector<std::int64_t>& ids);
  // Selected run ids, smallest (oldest) first.
  std::vector<std::int64_t> selectedRuns() const;
  // What the shown run's results offer ("step / table: column"), the one drawn selected;
  // empty hides the box.
  void setRunLayers(const QStringList& entries, int current);
  QComboBox* runLayerBox() const { return m_layerBox; }
  QPushButton* showButton() const { return m_show; }

 signals:
  void refreshRequested();
  void compareRequested(qint64 a, qint64 b);
  void editRequested(qint64 run);
  void showRunRequested(qint64 run);
  void runLayerChosen(int entry);

 private:
  void updateButtons();
  RunListModel* m_model = nullptr;
  QTableView* m_view = nullptr;
  QLabel* m_message = nullptr;
  QPushButton* m_compare = nullptr;
  QPushButton* m_edit = nullptr;
  QPushButton* m_show = nullptr;
  QComboBox* m_layerBox = nullptr;
};

}  // namespace ekm::widgets
