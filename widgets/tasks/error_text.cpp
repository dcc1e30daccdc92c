#include "tasks/error_text.h"

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

QString errorTitleText(core::ErrorCode code) {
  const std::string_view title = core::errorTitle(code, uiErrorLanguage());
  return QString::fromUtf8(title.data(), static_cast<qsizetype>(title.size()));
}

}  // namespace ekm::widgets
