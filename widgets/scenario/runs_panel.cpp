#include "scenario/runs_panel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

#include "scenario/run_list_model.h"

namespace ekm::widgets {

RunsPanel::RunsPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  m_model = new RunListModel(this);
  m_view = new QTableView(this);
  m_view->setObjectName(QStringLiteral("scenarioRuns"));
  m_view->setModel(m_model);
  m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
  m_view->verticalHeader()->hide();
  m_view->horizontalHeader()->setStretchLastSection(true);
  m_view->setAlternatingRowColors(true);
  layout->addWidget(m_view, 1);
  m_message = new QLabel(this);
  m_message->setWordWrap(true);
  layout->addWidget(m_message);
  auto* buttons = new QHBoxLayout();
  auto* refresh = new QPushButton(tr("Refresh"), this);
  m_edit = new QPushButton(tr("Edit Scenario"), this);
  m_edit->setToolTip(tr("Open the scenario of the selected run in the editor"));
  m_show = new QPushButton(tr("Show on Map"), this);
  m_show->setToolTip(tr("Draw the selected run's results on mesh cells and streets in the Layers panel"));
  m_compare = new QPushButton(tr("Compare"), this);
  m_compare->setToolTip(tr("Compare the two selected runs (the older one is A)"));
  buttons->addWidget(refresh);
  buttons->addStretch(1);
  buttons->addWidget(m_edit);
  buttons->addWidget(m_show);
  buttons->addWidget(m_compare);
  layout->addLayout(buttons);
  m_layerBox = new QComboBox(this);
  m_layerBox->setObjectName(QStringLiteral("runLayer"));
  m_layerBox->setToolTip(tr("The run's table and column drawn on the map"));
  m_layerBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  m_layerBox->hide();
  layout->addWidget(m_layerBox);
  connect(refresh, &QPushButton::clicked, this, &RunsPanel::refreshRequested);
  connect(m_compare, &QPushButton::clicked, this, [this] {
    const auto ids = selectedRuns();
    if (ids.size() == 2) emit compareRequested(ids[0], ids[1]);
  });
  connect(m_edit, &QPushButton::clicked, this, [this] {
    const auto ids = selectedRuns();
    if (ids.size() == 1) emit editRequested(ids[0]);
  });
  connect(m_show, &QPushButton::clicked, this, [this] {
    const auto ids = selectedRuns();
    if (ids.size() == 1) emit showRunRequested(ids[0]);
  });
  connect(m_layerBox, &QComboBox::activated, this, &RunsPanel::runLayerChosen);
  connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RunsPanel::updateButtons);
  connect(m_model, &QAbstractItemModel::modelReset, this, &RunsPanel::updateButtons);
  updateButtons();
}

void RunsPanel::setRuns(std::vector<store::RunRecord> runs) {
  const auto keep = selectedRuns();
  m_model->setRuns(std::move(runs));
  m_view->resizeColumnsToContents();
  selectRuns(keep);
  m_message->setText(m_model->rowCount() == 0
                         ? tr("No runs yet: run a scenario (or `ekimachi-cli run FILE --project P`).")
                         : tr("%n run(s) stored in the project.", nullptr, m_model->rowCount()));
}

void RunsPanel::setMessage(const QString& text) { m_message->setText(text); }

void RunsPanel::selectRuns(const std::vector<std::int64_t>& ids) {
  QItemSelection selection;
  for (const auto id : ids) {
    const int row = m_model->rowOf(id);
    if (row >= 0) selection.select(m_model->index(row, 0), m_model->index(row, RunListModel::ColumnCount - 1));
  }
  m_view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
  if (!ids.empty() && m_model->rowOf(ids.back()) >= 0) m_view->scrollTo(m_model->index(m_model->rowOf(ids.back()), 0));
}

std::vector<std::int64_t> RunsPanel::selectedRuns() const {
  std::vector<std::int64_t> ids;
  for (const QModelIndex& index : m_view->selectionModel()->selectedRows()) ids.push_back(m_model->run(index.row()).fid);
  std::sort(ids.begin(), ids.end());
  return ids;
}

void RunsPanel::updateButtons() {
  const auto n = selectedRuns().size();
  m_compare->setEnabled(n == 2);
  m_edit->setEnabled(n == 1);
  m_show->setEnabled(n == 1);
}

void RunsPanel::setRunLayers(const QStringList& entries, int current) {
  m_layerBox->clear();
  m_layerBox->addItems(entries);
  m_layerBox->setCurrentIndex(current);
  m_layerBox->setVisible(!entries.isEmpty());
}

}  // namespace ekm::widgets
