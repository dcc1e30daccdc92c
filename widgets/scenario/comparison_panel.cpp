#include "scenario/comparison_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include "scenario/comparison_layers.h"
#include "scenario/run_comparison_model.h"

namespace ekm::widgets {

ComparisonPanel::ComparisonPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  m_title = new QLabel(this);
  m_title->setWordWrap(true);
  layout->addWidget(m_title);
  auto* filters = new QHBoxLayout();
  m_tableBox = new QComboBox(this);
  m_changedOnly = new QCheckBox(tr("Changed only"), this);
  m_changedOnly->setChecked(true);
  filters->addWidget(new QLabel(tr("Table"), this));
  filters->addWidget(m_tableBox, 1);
  filters->addWidget(m_changedOnly);
  layout->addLayout(filters);
  m_model = new RunComparisonModel(this);
  m_view = new QTableView(this);
  m_view->setObjectName(QStringLiteral("scenarioComparison"));
  m_view->setModel(m_model);
  m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_view->setSelectionMode(QAbstractItemView::SingleSelection);
  m_view->verticalHeader()->hide();
  m_view->setAlternatingRowColors(true);
  m_view->horizontalHeader()->setStretchLastSection(true);
  layout->addWidget(m_view, 1);
  auto* mapRow = new QHBoxLayout();
  m_columnBox = new QComboBox(this);
  m_columnBox->setToolTip(tr("The column whose B − A the map shows"));
  m_mapButton = new QPushButton(tr("Show on Map"), this);
  m_mapButton->setToolTip(tr("Show B − A of the column for the table's mesh cells or road segments as a layer"));
  m_exportButton = new QPushButton(tr("Export…"), this);
  m_exportButton->setToolTip(tr("Write one CSV per table and GeoJSON difference layers into a folder"));
  mapRow->addWidget(new QLabel(tr("Map"), this));
  mapRow->addWidget(m_columnBox, 1);
  mapRow->addWidget(m_mapButton);
  mapRow->addWidget(m_exportButton);
  layout->addLayout(mapRow);
  m_message = new QLabel(this);
  m_message->setWordWrap(true);
  layout->addWidget(m_message);

  connect(m_tableBox, &QComboBox::currentIndexChanged, this, [this](int i) {
    m_model->setTableFilter(i - 1);
    updateMapControls();
  });
  connect(m_changedOnly, &QCheckBox::toggled, m_model, &RunComparisonModel::setChangedOnly);
  connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] { updateMapControls(); });
  connect(m_mapButton, &QPushButton::clicked, this, [this] {
    if (mapTable() >= 0) emit showOnMapRequested(mapTable(), mapColumn());
  });
  connect(m_exportButton, &QPushButton::clicked, this, &ComparisonPanel::exportRequested);
  setComparison(nullptr);
}

void ComparisonPanel::setComparison(std::shared_ptr<const RunComparison> comparison) {
  m_comparison = std::move(comparison);
  m_model->setTables(m_comparison ? m_comparison->tables : std::vector<scenario::TableComparison>{});
  {
    const QSignalBlocker block(m_tableBox);
    m_tableBox->clear();
    m_tableBox->addItem(tr("All tables"));
    const QStringList names = m_model->tableNames();
    for (int i = 0; i < names.size(); ++i)
      m_tableBox->addItem(tr("%1 (%n changed)", nullptr, m_model->changedCount(i)).arg(names[i]));
  }
  if (m_comparison) {
    const auto& a = m_comparison->a;
    const auto& b = m_comparison->b;
    m_title->setText(tr("A: run %1 (%2)  →  B: run %3 (%4)")
                         .arg(a.fid)
                         .arg(QString::fromStdString(a.name))
                         .arg(b.fid)
                         .arg(QString::fromStdString(b.name)));
  } else {
    m_title->setText(tr("Select two runs in the Runs tab and press Compare."));
  }
  m_view->resizeColumnsToContents();
  m_exportButton->setEnabled(m_comparison != nullptr);
  m_message->clear();
  m_columnsOf = -2;
  updateMapControls();
}

void ComparisonPanel::setMapAvailable(bool available) {
  m_mapAvailable = available;
  updateMapControls();
}

void ComparisonPanel::setMessage(const QString& text) { m_message->setText(text); }

int ComparisonPanel::mapTable() const {
  if (!m_comparison) return -1;
  const auto& tables = m_comparison->tables;
  if (m_model->tableFilter() >= 0) return m_model->tableFilter();
  const QModelIndex current = m_view->selectionModel()->currentIndex();
  if (current.isValid()) return m_model->tableIndexOfRow(current.row());
  for (std::size_t i = 0; i < tables.size(); ++i)
    if (ComparisonLayers::canMap(tables[i])) return static_cast<int>(i);
  return -1;
}

QString ComparisonPanel::mapColumn() const { return m_columnBox->currentText(); }

void ComparisonPanel::updateMapControls() {
  const int t = mapTable();
  const bool mappable = t >= 0 && ComparisonLayers::canMap(m_comparison->tables[static_cast<std::size_t>(t)]);
  if (t != m_columnsOf) {
    m_columnsOf = t;
    m_columnBox->clear();
    if (mappable) {
      const auto& table = m_comparison->tables[static_cast<std::size_t>(t)];
      m_columnBox->addItems(ComparisonLayers::columns(table));
      m_columnBox->setCurrentText(ComparisonLayers::defaultColumn(table));
    }
  }
  m_columnBox->setEnabled(mappable);
  m_mapButton->setEnabled(mappable && m_mapAvailable);
}

}  // namespace ekm::widgets
