#include "citylink/city_os_import_dialog.h"

#include <QDialogButtonBox>
#include <QColor>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <set>
#include <utility>

#include "citylink/match_preview_map.h"
#include "ekm/geo/transformer.h"
#include "ekm/ops/registry.h"
#include "ops/params_form.h"
#include "tasks/error_text.h"
#include "tasks/operation_task.h"

namespace ekm::widgets {
namespace {

// Fields of the last pull's settings (citylink.last_pull) that are citylink-pull parameters.
const char* const kRememberedFields[] = {"broker", "type",  "from",           "to",       "tenant",
                                         "context", "match", "max_distance_m", "page_size"};

// Fields the dialog's buttons decide (Preview = dry run) or the CLI only needs.
const char* const kHiddenFields[] = {"dry_run", "preview"};

QString compactJson(const nlohmann::json& entity) {
  nlohmann::json attributes = entity;
  attributes.erase("id");
  attributes.erase("type");
  attributes.erase("@context");
  QString text = QString::fromStdString(attributes.dump());
  if (text.size() > 160) text = text.left(157) + QStringLiteral("…");
  return text;
}

QString stringField(const nlohmann::json& entity, const char* key) {
  const auto it = entity.find(key);
  return it != entity.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

QTableWidget* makeTable(const QStringList& headers, QWidget* parent) {
  auto* table = new QTableWidget(0, static_cast<int>(headers.size()), parent);
  table->setHorizontalHeaderLabels(headers);
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table->setSelectionBehavior(QAbstractItemView::SelectRows);
  table->setSelectionMode(QAbstractItemView::SingleSelection);
  table->verticalHeader()->hide();
  table->horizontalHeader()->setStretchLastSection(true);
  return table;
}

QString methodText(const std::string& method) {
  if (method == "refRoadSegment") return CityOsImportDialog::tr("refRoadSegment");
  if (method == "nearest") return CityOsImportDialog::tr("nearest segment");
  if (method == "refStation") return CityOsImportDialog::tr("station");
  if (method == "unmatched") return CityOsImportDialog::tr("unmatched");
  return QString::fromStdString(method);
}

}  // namespace

CityOsImportDialog::CityOsImportDialog(SessionPtr session, QWidget* parent)
    : QDialog(parent), m_session(std::move(session)) {
  setWindowTitle(tr("Import from City OS (NGSI-LD)"));
  auto* layout = new QVBoxLayout(this);

  auto* intro = new QLabel(tr("People and traffic counts (CrowdFlowObserved, TrafficFlowObserved, ItemFlowObserved) "
                              "from the city OS's NGSI-LD broker become counts on the project's road segments and "
                              "stations. The bearer token is read from EKM_NGSI_LD_TOKEN or the config file, "
                              "never typed here."),
                           this);
  intro->setWordWrap(true);
  layout->addWidget(intro);

  auto* splitter = new QSplitter(Qt::Horizontal, this);
  m_form = new ParamsForm(splitter);
  m_form->setOperation(ops::Registry::global().find(citylink::CitylinkPullOp::name));
  for (const char* name : kHiddenFields) m_form->setFieldVisible(QString::fromLatin1(name), false);
  splitter->addWidget(m_form);

  auto* right = new QWidget(splitter);
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->setContentsMargins(0, 0, 0, 0);
  m_map = new MatchPreviewMap(right);
  if (m_session && m_session->layers()) m_map->setRoads(m_session->layers()->roads);
  rightLayout->addWidget(m_map, 2);
  rightLayout->addWidget(new QLabel(tr("Matches"), right));
  m_matches = makeTable({tr("Entity"), tr("Target"), tr("Id"), tr("Method"), tr("Distance (m)"), tr("Observations"),
                         tr("Problem")},
                        right);
  rightLayout->addWidget(m_matches, 2);
  rightLayout->addWidget(new QLabel(tr("First entities"), right));
  m_entities = makeTable({tr("Entity"), tr("Type"), tr("Attributes")}, right);
  rightLayout->addWidget(m_entities, 1);
  splitter->addWidget(right);
  splitter->setStretchFactor(0, 2);
  splitter->setStretchFactor(1, 3);
  layout->addWidget(splitter, 1);

  m_status = new QLabel(this);
  m_status->setWordWrap(true);
  m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(m_status);
  auto* row = new QHBoxLayout;
  m_progress = new QProgressBar(this);
  m_progress->setRange(0, 100);
  m_progress->hide();
  row->addWidget(m_progress, 1);
  m_preview = new QPushButton(tr("&Preview"), this);
  m_import = new QPushButton(tr("&Import"), this);
  m_cancel = new QPushButton(tr("Cancel Task"), this);
  m_cancel->setEnabled(false);
  auto* close = new QPushButton(tr("Close"), this);
  row->addWidget(m_preview);
  row->addWidget(m_import);
  row->addWidget(m_cancel);
  row->addWidget(close);
  layout->addLayout(row);

  connect(m_preview, &QPushButton::clicked, this, &CityOsImportDialog::runPreview);
  connect(m_import, &QPushButton::clicked, this, &CityOsImportDialog::runImport);
  connect(m_cancel, &QPushButton::clicked, this, [this] { m_task.cancel(); });
  connect(close, &QPushButton::clicked, this, &QDialog::reject);
  connect(m_matches, &QTableWidget::itemSelectionChanged, this, [this] {
    const auto rows = m_matches->selectionModel()->selectedRows();
    std::int64_t fid = -1;
    if (!rows.isEmpty())
      if (auto* item = m_matches->item(rows.first().row(), 0)) fid = item->data(Qt::UserRole).toLongLong();
    m_map->setSelected(fid);
  });
  resize(1100, 680);
  loadLastSettings();
}

CityOsImportDialog::~CityOsImportDialog() { m_task.cancel(); }

QString CityOsImportDialog::statusText() const { return m_status->text(); }

void CityOsImportDialog::setStatus(const QString& text, bool error) {
  m_status->setText(text);
  m_status->setStyleSheet(error ? QStringLiteral("QLabel { color: #b00020; }") : QString());
}

void CityOsImportDialog::setBusy(bool busy) {
  m_preview->setEnabled(!busy);
  m_import->setEnabled(!busy);
  m_cancel->setEnabled(busy);
  m_progress->setVisible(busy);
  if (busy) m_progress->setValue(0);
}

void CityOsImportDialog::loadLastSettings() {
  TaskManager* tasks = m_session ? m_session->tasks() : nullptr;
  if (!tasks) {
    emit settingsLoaded();
    return;
  }
  tasks->run(
      tr("City OS settings"),
      [session = m_session](core::Feedback&) { return session->store().meta(citylink::kLastPullMetaKey); },
      [this](std::optional<std::string> text) {
        if (text) {
          const auto last = nlohmann::json::parse(*text, nullptr, false);
          if (last.is_object()) {
            ops::Json given = ops::Json::object();
            for (const char* key : kRememberedFields)
              if (last.contains(key) && !(last[key].is_string() && last[key].get<std::string>().empty()))
                given[key] = last[key];
            m_form->setParams(given);
            setStatus(tr("Settings of the last pull (%1) loaded.")
                          .arg(stringField(last, "pulled_at")));
          }
        }
        emit settingsLoaded();
      },
      [this](const TaskError& e) {
        setStatus(e.message, true);
        emit settingsLoaded();
      },
      TaskOptions::hiddenRead(QStringLiteral("citylink-settings"), this));
}

void CityOsImportDialog::runPreview() { start(true); }
void CityOsImportDialog::runImport() { start(false); }

void CityOsImportDialog::start(bool dryRun) {
  TaskManager* tasks = m_session ? m_session->tasks() : nullptr;
  if (!tasks) {
    setStatus(tr("Open a project first."), true);
    return;
  }
  ops::Json given = m_form->params();
  given["dry_run"] = dryRun;
  if (dryRun && !given.contains("preview")) given["preview"] = 20;
  m_form->setParams(given);
  const auto normalised = m_form->validate();
  if (!normalised) {
    setStatus(m_form->errorText(), true);
    return;
  }
  citylink::CitylinkPullParams params;
  try {
    params = ops::fromJson<citylink::CitylinkPullParams>(*normalised);
  } catch (const core::Error& e) {
    m_form->showError(e);
    setStatus(errorText(e), true);
    return;
  }
  setBusy(true);
  setStatus(dryRun ? tr("Asking the broker for a preview…") : tr("Importing from the broker…"));
  TaskOptions options(QStringLiteral("citylink-pull"), this, [this] {
    setBusy(false);
    setStatus(tr("Cancelled; the project is unchanged."));
  });
  options.onProgress = [this](double percent) { m_progress->setValue(static_cast<int>(percent)); };
  const QString title = dryRun ? tr("City OS preview from %1").arg(QString::fromStdString(params.connection.broker))
                               : tr("City OS import from %1").arg(QString::fromStdString(params.connection.broker));
  m_task = submitOperation<citylink::CitylinkPullOp>(
      *tasks, title, m_session->file(), params,
      [this, dryRun](citylink::CitylinkPullResult result) {
        setBusy(false);
        showResult(result);
        const auto& r = result.import;
        if (dryRun) {
          setStatus(tr("Preview: %1 entities on %2 page(s); %3 segment hours and %4 station hours would be stored "
                       "(%5 partial hours). Nothing was stored.")
                        .arg(r.entities)
                        .arg(result.pages)
                        .arg(r.segmentRows)
                        .arg(r.stationRows)
                        .arg(r.plan.partialHours) +
                    (r.plan.unmatched > 0
                         ? QLatin1Char(' ') + tr("%n entities match nothing (flagged in the table): the import would "
                                                 "fail on them.",
                                                 nullptr, static_cast<int>(r.plan.unmatched))
                         : QString()));
          emit previewReady();
        } else {
          setStatus(tr("Imported %1 entities: %2 segment hours and %3 station hours stored (%4 partial hours).")
                        .arg(r.entities)
                        .arg(r.segmentRows)
                        .arg(r.stationRows)
                        .arg(r.plan.partialHours) +
                    (r.completedHours > 0
                         ? QLatin1Char(' ') + tr("%n partial hour(s) already in the project were added to (the "
                                                 "flag is cleared once an hour is complete).",
                                                 nullptr, static_cast<int>(r.completedHours))
                         : QString()));
          emit imported(r.segmentRows, r.stationRows);
        }
      },
      [this](const TaskError& e) {
        setBusy(false);
        setStatus(e.message, true);
        emit failed(e.message);
      },
      options);
}

void CityOsImportDialog::showResult(const citylink::CitylinkPullResult& result) {
  m_matches->setRowCount(0);
  std::set<std::int64_t> segmentFids;
  for (const auto& m : result.import.plan.matches) {
    const int row = m_matches->rowCount();
    m_matches->insertRow(row);
    auto* entity = new QTableWidgetItem(QString::fromStdString(m.entityId));
    entity->setData(Qt::UserRole, QVariant::fromValue<qlonglong>(m.target == "segment" ? m.targetFid : -1));
    m_matches->setItem(row, 0, entity);
    m_matches->setItem(row, 1,
                       new QTableWidgetItem(m.target == "segment" ? tr("segment")
                                            : m.target == "station" ? tr("station")
                                                                    : QString::fromStdString(m.target)));
    m_matches->setItem(row, 2, new QTableWidgetItem(QString::fromStdString(m.targetId)));
    m_matches->setItem(row, 3, new QTableWidgetItem(methodText(m.method)));
    m_matches->setItem(row, 4, new QTableWidgetItem(m.distanceM >= 0 ? QString::number(m.distanceM, 'f', 1) : QString()));
    m_matches->setItem(row, 5, new QTableWidgetItem(QString::number(m.observations)));
    // An entity the import could not place: flagged in the row (the import would fail on it).
    m_matches->setItem(row, 6, new QTableWidgetItem(QString::fromStdString(m.problem)));
    if (m.method == "unmatched") {
      m_matches->item(row, 1)->setText(tr("unmatched"));
      for (int c = 0; c < m_matches->columnCount(); ++c) {
        m_matches->item(row, c)->setForeground(QColor(0xb0, 0x1c, 0x1c));
        m_matches->item(row, c)->setToolTip(QString::fromStdString(m.problem));
      }
    }
    if (m.target == "segment") segmentFids.insert(m.targetFid);
  }
  m_matches->resizeColumnsToContents();
  m_map->setMatched(std::move(segmentFids));
  // Each entity's location, projected into the roads' display CRS as the layers project the
  // segments (render::loadProjectLayers), with its match.
  std::vector<MatchPreviewMap::Entity> entities;
  if (m_session && m_session->layers() && m_session->layers()->displayEpsg != 0) {
    try {
      const geo::Transformer toDisplay(m_session->layers()->displayEpsg);
      for (const auto& m : result.import.plan.matches) {
        MatchPreviewMap::Entity e;
        e.id = QString::fromStdString(m.entityId);
        for (const auto& ll : m.location) {
          const auto [x, y] = toDisplay.forward(ll.lon, ll.lat);
          e.location << QPointF(x, y);
        }
        e.line = m.locationIsLine;
        e.segmentFid = m.target == "segment" ? m.targetFid : -1;
        e.unmatched = m.method == "unmatched";
        entities.push_back(std::move(e));
      }
    } catch (const core::Error& err) {
      // The layers were projected with the same CRS, so this does not happen; if it did, the
      // table still lists the matches and the map shows the segments only.
      qWarning("City OS preview: entity locations not drawn: %s", err.what());
      entities.clear();
    }
  }
  m_map->setEntities(std::move(entities));

  m_entities->setRowCount(0);
  for (const auto& entity : result.previewEntities) {
    const int row = m_entities->rowCount();
    m_entities->insertRow(row);
    m_entities->setItem(row, 0, new QTableWidgetItem(stringField(entity, "id")));
    m_entities->setItem(row, 1, new QTableWidgetItem(stringField(entity, "type")));
    m_entities->setItem(row, 2, new QTableWidgetItem(compactJson(entity)));
  }
  m_entities->resizeColumnToContents(0);
  m_result = result;
}

}  // namespace ekm::widgets
