#include "render/headless_gui.h"

#include <QGuiApplication>
#include <cstdio>

#include "ekm/core/error.h"

namespace ekm::render {

void ensureGuiApplication() {
  if (qobject_cast<QGuiApplication*>(QCoreApplication::instance())) return;
  if (QCoreApplication::instance())
    throw core::Error(core::ErrorCode::Generic, "map export needs a QGuiApplication, not a QCoreApplication");
  // The export never opens a window: the offscreen platform unless told otherwise (also with
  // a DISPLAY: a stale one would abort the export).
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  // The offscreen platform warns about a missing XDG_RUNTIME_DIR; that is noise here.
  qInstallMessageHandler([](QtMsgType type, const QMessageLogContext&, const QString& message) {
    if (message.startsWith(QLatin1String("QStandardPaths:"))) return;
    if (type != QtDebugMsg) std::fprintf(stderr, "%s\n", qPrintable(message));
  });
  static int argc = 1;
  static char name[] = "ekimachi";
  static char* argv[] = {name, nullptr};
  // Kept to the end of the process, never destroyed (no teardown order to get wrong at exit).
  new QGuiApplication(argc, argv);
}

}  // namespace ekm::render
