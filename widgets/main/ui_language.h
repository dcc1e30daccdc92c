#pragma once
// Which UI language to start in: the --lang argument, else the language chosen in
// Settings > Language (QSettings "language"), else the system locale (Japanese -> "ja",
// anything else -> "en"). Unknown codes fall through to the next source.
#include <QLocale>
#include <QString>

namespace ekm::widgets {

QString resolveUiLanguage(const QString& argument, const QString& setting, QLocale::Language system);

}  // namespace ekm::widgets
