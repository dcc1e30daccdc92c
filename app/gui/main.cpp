// ekimachi [PROJECT.gpkg] — the map workstation.
//   --screenshot FILE  save a picture of the window once the first map render has finished,
//                      then exit (for CI evidence; run under Xvfb or QT_QPA_PLATFORM=offscreen)
//   --hour TIME        the hour to show first, JST ("2025-03-27T12:00" or "2025-03-27 12")
//   --lang ja|en       the UI language (default: Settings > Language, else the system locale)
//   --size WxH         the window size
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QLibraryInfo>
#include <QLocale>
#include <QPainter>
#include <QTimer>
#include <QSettings>
#include <QTranslator>
#include <cstdio>
#include <optional>

#include "ekm/core/time.h"
#include "ekm/store/project_copy.h"
#include "main/main_window.h"
#include "main/ui_language.h"
#include "time/time_bar.h"

namespace {

// The --lang value, read before the translators are installed (so --help is translated).
QString languageArgument(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const QString a = QString::fromLocal8Bit(argv[i]);
    if (a.startsWith(QLatin1String("--lang="))) return a.mid(7);
    if (a == QLatin1String("--lang") && i + 1 < argc) return QString::fromLocal8Bit(argv[i + 1]);
  }
  return {};
}

bool saveScreenshot(QWidget& window, const QString& file) {
  const qreal dpr = window.devicePixelRatioF();
  QImage image(window.size() * dpr, QImage::Format_ARGB32_Premultiplied);
  image.setDevicePixelRatio(dpr);
  image.fill(window.palette().color(QPalette::Window));
  window.render(&image);
  return image.save(file);
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("Ekimachi"));
  QApplication::setApplicationName(QStringLiteral("Ekimachi"));
  QApplication::setApplicationVersion(QStringLiteral(EKM_VERSION));
  QApplication::setDesktopFileName(QStringLiteral("io.github.ekimachi.Ekimachi"));

  // --lang, else the language chosen in Settings > Language, else the system locale.
  const QString language = ekm::widgets::resolveUiLanguage(
      languageArgument(argc, argv), QSettings().value(QStringLiteral("language")).toString(), QLocale::system().language());
  QTranslator appTranslator, qtTranslator;
  if (language == QLatin1String("ja")) {
    if (appTranslator.load(QStringLiteral(":/i18n/ekimachi_ja.qm"))) {
      QApplication::installTranslator(&appTranslator);
      ekm::widgets::setUiIsJapanese(true);
      QLocale::setDefault(QLocale(QLocale::Japanese, QLocale::Japan));
    }
    if (qtTranslator.load(QStringLiteral("qtbase_ja"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
      QApplication::installTranslator(&qtTranslator);
  }

  QCommandLineParser parser;
  parser.setApplicationDescription(QApplication::translate("main", "Ekimachi: station-area GIS workstation"));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(QStringLiteral("project"), QApplication::translate("main", "Project to open: a .gpkg file or a PostgreSQL location "
                                                                       "(postgresql://…?schema=NAME or 'service=NAME schema=NAME')"),
                               QStringLiteral("[PROJECT]"));
  const QCommandLineOption screenshotOption(
      QStringLiteral("screenshot"),
      QApplication::translate("main", "Save a screenshot of the window after the first map render, then exit."),
      QStringLiteral("FILE"));
  const QCommandLineOption hourOption(QStringLiteral("hour"),
                                      QApplication::translate("main", "Hour to show first, in JST (2025-03-27T12:00)."),
                                      QStringLiteral("TIME"));
  const QCommandLineOption langOption(QStringLiteral("lang"),
                                      QApplication::translate("main", "User interface language: ja or en."),
                                      QStringLiteral("LANG"));
  const QCommandLineOption sizeOption(QStringLiteral("size"), QApplication::translate("main", "Window size, e.g. 1400x900."),
                                      QStringLiteral("WxH"));
  parser.addOption(screenshotOption);
  parser.addOption(hourOption);
  parser.addOption(langOption);
  parser.addOption(sizeOption);
  parser.process(app);

  std::optional<ekm::core::HourKey> hour;
  if (parser.isSet(hourOption)) {
    hour = ekm::core::parseIsoDateTimeToHourKey(parser.value(hourOption).toStdString());
    if (!hour) {
      std::fprintf(stderr, "%s\n",
                   qPrintable(QApplication::translate("main", "Invalid --hour '%1': expected YYYY-MM-DDTHH[:00] (JST)")
                                  .arg(parser.value(hourOption))));
      return 2;
    }
  }

  const QString screenshot = parser.value(screenshotOption);
  ekm::widgets::MainWindow window;
  window.setInitialHour(hour);
  if (!screenshot.isEmpty()) {
    window.setPersistLayout(false);
  } else {
    window.restoreLayout();
  }
  if (parser.isSet(sizeOption)) {
    const QStringList wh = parser.value(sizeOption).split(QLatin1Char('x'));
    if (wh.size() == 2) window.resize(wh[0].toInt(), wh[1].toInt());
  }
  window.show();

  const QStringList positional = parser.positionalArguments();
  if (!screenshot.isEmpty()) {
    auto save = [&window, screenshot](int code) {
      if (!saveScreenshot(window, screenshot)) {
        std::fprintf(stderr, "%s\n", qPrintable(QApplication::translate("main", "Could not write %1").arg(screenshot)));
        code = 3;
      }
      QApplication::exit(code);
    };
    QObject::connect(&window, &ekm::widgets::MainWindow::firstMapRendered, &window,
                     [save] { QTimer::singleShot(300, [save] { save(0); }); });
    QObject::connect(&window, &ekm::widgets::MainWindow::projectLoadFailed, &window,
                     [save](const QString&, const QString& message) {
                       std::fprintf(stderr, "%s\n", qPrintable(message));
                       QTimer::singleShot(300, [save] { save(1); });
                     });
    if (positional.isEmpty()) QTimer::singleShot(500, [save] { save(0); });
    QTimer::singleShot(180000, [save] { save(4); });  // never hang CI
  }
  if (!positional.isEmpty()) {
    const QString project = positional.front();
    window.openProject(ekm::store::isPostgresLocation(project.toStdString()) ? project
                                                                              : QDir::current().absoluteFilePath(project));
  }
  return app.exec();
}
