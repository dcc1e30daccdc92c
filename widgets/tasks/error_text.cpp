#include "tasks/error_text.h"

#include <QCoreApplication>
#include <QStringList>

#include "ekm/core/error_catalogue.h"
#include "ekm/core/error_details.h"
#include "time/time_bar.h"

namespace ekm::widgets {

core::Language uiErrorLanguage() { return uiIsJapanese() ? core::Language::Japanese : core::Language::English; }

QString errorText(const core::Error& error) {
  return QString::fromStdString(core::renderError(error, uiErrorLanguage()));
}

QString errorText(const std::exception& error) {
  if (const auto* e = dynamic_cast<const core::Error*>(&error)) return errorText(*e);
  return QString::fromUtf8(error.what());
}

QString errorMessageText(const core::Error& error) {
  const auto* list = dynamic_cast<const core::ErrorDetails*>(&error);
  if (!list) return QString::fromStdString(core::translateErrorText(error.message(), uiErrorLanguage()));
  // The summary and each listed problem with its own fields, as renderError lays them out.
  std::string text = core::translateErrorText(list->summary(), uiErrorLanguage());
  for (const auto& d : list->details()) text += "\n  " + core::formatErrorContext(d.message, d.context, uiErrorLanguage());
  if (list->moreDetails()) text += "\n  ...";
  return QString::fromStdString(text);
}

QString errorExpectedText(const std::string& expected) { return catalogueText(expected); }

QString catalogueText(const std::string& text) {
  return QString::fromStdString(core::translateErrorText(text, uiErrorLanguage()));
}

QString catalogueNotes(const std::vector<std::string>& notes) {
  QStringList out;
  for (const auto& n : notes) out << catalogueText(n);
  return out.join(QCoreApplication::translate("ekm::widgets::Notes", "; ", "between notes"));
}

QString errorTitleText(core::ErrorCode code) {
  const std::string_view title = core::errorTitle(code, uiErrorLanguage());
  return QString::fromUtf8(title.data(), static_cast<qsizetype>(title.size()));
}

}  // namespace ekm::widgets
