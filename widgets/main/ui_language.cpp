#include "main/ui_language.h"

namespace ekm::widgets {

QString resolveUiLanguage(const QString& argument, const QString& setting, QLocale::Language system) {
  for (const QString& code : {argument, setting})
    if (code == QLatin1String("ja") || code == QLatin1String("en")) return code;
  return system == QLocale::Japanese ? QStringLiteral("ja") : QStringLiteral("en");
}

}  // namespace ekm::widgets
