// The editor's document: open, new, save, steps, and the scenario a run takes.
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <filesystem>

#include "ekm/io/sha256.h"
#include "ekm/scenario/runner.h"
#include "ops/params_form.h"
#include "scenario/scenario_editor.h"

namespace ekm::widgets {

using ops::Json;

namespace {

std::string docText(const Json& doc) { return doc.dump(2) + "\n"; }

QString absoluteDir(const QString& file) { return QFileInfo(file).absolutePath(); }

}  // namespace

Json ScenarioEditor::inheritedParams(const Json& doc, const ops::Operation& op) {
  return scenario::inheritedParams(doc, op.fields());
}

void ScenarioEditor::loadDocument(Json doc, const QString& file, std::optional<scenario::Scenario> loaded) {
  m_updating = true;
  m_doc = std::move(doc);
  m_file = file;
  m_loaded = std::move(loaded);
  m_defaultsProblem.clear();
  if (!file.isEmpty()) m_baseDir = absoluteDir(file);
  const bool has = hasDocument();
  auto text = [this](const char* key) {
    return m_doc.is_object() && m_doc.contains(key) && m_doc[key].is_string() ? QString::fromStdString(m_doc[key].get<std::string>())
                                                                              : QString();
  };
  m_name->setText(text("scenario"));
  m_description->setText(text("description"));
  m_defaults->setPlainText(has && m_doc.contains("defaults") ? QString::fromStdString(m_doc["defaults"].dump(1)) : QString());
  m_defaults->setStyleSheet(QString());
  for (QWidget* w : std::initializer_list<QWidget*>{m_name, m_description, m_defaults, m_steps, m_stepId}) w->setEnabled(has);
  m_shownStep = -1;
  m_updating = false;
  clearError();
  refreshSteps();
  showStep(stepCount() > 0 ? 0 : -1);
  touched();
}

bool ScenarioEditor::openFile(const QString& path) {
  try {
    scenario::Scenario s = scenario::loadScenario(QFile::encodeName(path).toStdString());
    Json doc = s.source;
    loadDocument(std::move(doc), path, std::move(s));
    return true;
  } catch (const core::Error& e) {
    showError(e);
    return false;
  }
}

void ScenarioEditor::newScenario(const QString& op, const QString& project) {
  Json doc = {{"scenario", "new-scenario"},
              {"project", QFile::encodeName(project).toStdString()},
              {"steps", Json::array({Json{{"id", op.toStdString() + "-1"}, {"op", op.toStdString()}, {"params", Json::object()}}})}};
  m_baseDir = project.isEmpty() ? QString() : absoluteDir(project);
  loadDocument(std::move(doc), QString(), std::nullopt);
}

bool ScenarioEditor::setDocument(const Json& doc, const QString& file) {
  try {
    // The same structural checks as a file gets.
    (void)scenario::scenarioFromJson(doc, QFile::encodeName(file).toStdString(), std::string());
  } catch (const core::Error& e) {
    showError(e);
    return false;
  }
  m_baseDir = file.isEmpty() ? QString() : absoluteDir(file);
  // Not the file's own bytes any more: a run of it is a run of this document.
  loadDocument(doc, QString(), std::nullopt);
  return true;
}

bool ScenarioEditor::isModified() const { return !m_loaded || m_doc != m_loaded->source; }

bool ScenarioEditor::save(const QString& path) {
  if (!hasDocument()) return false;
  Json doc = m_doc;
  // The project relative to the file, as hand-written scenarios have it.
  if (doc.contains("project") && doc["project"].is_string()) {
    const QString project = QString::fromStdString(doc["project"].get<std::string>());
    const QString absolute = QDir(m_baseDir).absoluteFilePath(project);
    doc["project"] = QDir(absoluteDir(path)).relativeFilePath(absolute).toStdString();
  }
  QSaveFile out(path);
  const std::string bytes = docText(doc);
  if (!out.open(QIODevice::WriteOnly) || out.write(bytes.data(), static_cast<qint64>(bytes.size())) < 0 || !out.commit()) {
    showError(QString(), tr("Could not write %1: %2").arg(path, out.errorString()));
    return false;
  }
  return openFile(path);
}

scenario::Scenario ScenarioEditor::scenario() const {
  if (!hasDocument())
    throw core::ValidationError("no scenario", core::ErrorContext{{}, {}, {}, "", "a scenario", "nothing"});
  if (!m_defaultsProblem.isEmpty())
    throw core::ParseError(m_defaultsProblem.toStdString(), core::ErrorContext{m_file.toStdString(), {}, {}, "defaults", "a JSON object", ""});
  if (!isModified()) return *m_loaded;
  scenario::Scenario s =
      scenario::scenarioFromJson(m_doc, QFile::encodeName(m_file).toStdString(), QFile::encodeName(m_baseDir).toStdString());
  const std::string bytes = docText(m_doc);
  io::Sha256 h;
  h.update(bytes.data(), bytes.size());
  s.sha256 = h.hexDigest();
  return s;
}

bool ScenarioEditor::validateSteps() {
  clearError();
  if (!m_defaultsProblem.isEmpty()) {
    showError(QStringLiteral("defaults"), m_defaultsProblem);
    return false;
  }
  for (int i = 0; i < stepCount(); ++i) {
    const Json& s = m_doc["steps"][static_cast<std::size_t>(i)];
    const std::string opName = s.contains("op") && s["op"].is_string() ? s["op"].get<std::string>() : std::string();
    const ops::Operation* op = m_registry.find(opName);
    const QString where = QStringLiteral("steps[%1]").arg(i);
    if (!op) {
      showError(where + QStringLiteral(".op"), tr("unknown operation"), {}, QString::fromStdString(opName));
      return false;
    }
    Json params = s.contains("params") && s["params"].is_object() ? s["params"] : Json::object();
    const Json inherited = inheritedParams(m_doc, *op);
    for (const auto& [key, value] : inherited.items())
      if (!params.contains(key)) params[key] = value;
    ops::ParamSource src;
    src.prefix = where.toStdString() + ".params.";
    try {
      (void)op->normalise(params, src);
    } catch (const ops::ParamError& e) {
      showError(e);
      return false;
    }
  }
  return true;
}

void ScenarioEditor::addStep(const QString& op) {
  if (!hasDocument() || !m_registry.find(op.toStdString())) return;
  // A fresh id: "<op>-<n>" not used by another step.
  QStringList ids;
  for (const auto& s : m_doc["steps"])
    if (s.contains("id") && s["id"].is_string()) ids << QString::fromStdString(s["id"].get<std::string>());
  int n = stepCount() + 1;
  while (ids.contains(QStringLiteral("%1-%2").arg(op).arg(n))) ++n;
  m_doc["steps"].push_back({{"id", QStringLiteral("%1-%2").arg(op).arg(n).toStdString()}, {"op", op.toStdString()},
                            {"params", Json::object()}});
  refreshSteps();
  selectStep(stepCount() - 1);
  touched();
}

void ScenarioEditor::removeStep(int index) {
  if (index < 0 || index >= stepCount() || stepCount() <= 1) return;  // a scenario needs a step
  m_doc["steps"].erase(static_cast<std::size_t>(index));
  m_shownStep = -1;
  refreshSteps();
  selectStep(std::min(index, stepCount() - 1));
  touched();
}

void ScenarioEditor::moveStep(int index, int delta) {
  const int to = index + delta;
  if (index < 0 || to < 0 || index >= stepCount() || to >= stepCount()) return;
  std::swap(m_doc["steps"][static_cast<std::size_t>(index)], m_doc["steps"][static_cast<std::size_t>(to)]);
  m_shownStep = to;
  refreshSteps();
  showStep(to);
  touched();
}

}  // namespace ekm::widgets
