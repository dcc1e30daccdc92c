// The task runner: success, error and cancel paths of TaskManager (results on the GUI thread,
// core::Error context in the message, CancelledError as a status), the replace key (a late
// result of a replaced task is dropped), hidden tasks, destruction without waiting for
// workers, and the Tasks panel (a row per task, its Cancel button cancels, Clear finished).
#include <QElapsedTimer>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QThread>
#include <QtTest/QtTest>
#include <atomic>
#include <chrono>
#include <thread>

#include <QTemporaryDir>
#include <fstream>

#include "ekm/core/error.h"
#include "ekm/io/importers.h"
#include "ekm/store/project.h"
#include "flow/comparison_dock.h"
#include "flow/forecast_dock.h"
#include "session/project_session.h"
#include "tasks/task_manager.h"
#include "time/time_bar.h"
#include "tasks/tasks_panel.h"

using namespace ekm;
using widgets::TaskError;
using widgets::TaskManager;
using widgets::TasksPanel;


namespace {

// Loops until cancelled (or a generous limit), reporting progress; counts its iterations.
int loopUntilCancelled(core::Feedback& feedback, std::atomic<bool>* started = nullptr) {
  if (started) started->store(true);
  for (int i = 0; i < 600000; ++i) {
    if (feedback.isCancelled()) throw core::CancelledError();
    feedback.setProgress(std::min(99.0, i / 100.0));
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return -1;
}

// Two 1/8 cells near Takanawa Gateway, 5 weeks hourly from 2025-03-01 JST.
struct SmallProject {
  QTemporaryDir dir;
  std::string path;
  std::vector<std::string> codes{"53393599111", "53393599112"};
  SmallProject() {
    path = dir.filePath(QStringLiteral("small.gpkg")).toStdString();
    const std::string csv = dir.filePath(QStringLiteral("pop.csv")).toStdString();
    {
      std::ofstream out(csv);
      out << "mesh_code,date,hour,population\n";
      for (int d = 1; d <= 35; ++d)
        for (int h = 0; h < 24; ++h)
          for (const auto& code : codes)
            out << code << "," << (d <= 31 ? "2025-03-" : "2025-04-") << (d <= 31 ? d : d - 31) / 10
                << (d <= 31 ? d : d - 31) % 10 << "," << h << "," << 100 + 50 * (h > 7 && h < 20) + (d % 7) << "\n";
    }
    store::Project project = store::Project::create(path);
    io::importFile(project, io::ImportKind::MeshPopulation, csv, {}, core::nullFeedback());
  }
};

TaskManager::Status statusAt(const QSignalSpy& spy, int i) { return spy.at(i).at(1).value<TaskManager::Status>(); }

}  // namespace

class TestTasks : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { qRegisterMetaType<TaskManager::Status>(); }

  void successDeliversTheResultOnTheGuiThread() {
    TaskManager manager;
    QSignalSpy finished(&manager, &TaskManager::taskFinished);
    QSignalSpy progress(&manager, &TaskManager::taskProgress);
    QSignalSpy logged(&manager, &TaskManager::taskLog);
    QThread* workerThread = nullptr;
    QThread* callbackThread = nullptr;
    int result = 0;
    bool errorCalled = false;
    const auto handle = manager.run(
        QStringLiteral("sum"),
        [&workerThread](core::Feedback& feedback) {
          workerThread = QThread::currentThread();
          feedback.info("adding");
          int sum = 0;
          for (int i = 1; i <= 100; ++i) sum += i;
          feedback.setProgress(100);
          return sum;
        },
        [&](int value) {
          callbackThread = QThread::currentThread();
          result = value;
        },
        [&](const TaskError&) { errorCalled = true; });
    QVERIFY(handle.isValid());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QCOMPARE(finished.at(0).at(0).value<quint64>(), handle.id());
    QCOMPARE(statusAt(finished, 0), TaskManager::Status::Completed);
    QCOMPARE(result, 5050);
    QVERIFY(!errorCalled);
    QVERIFY(workerThread && workerThread != QThread::currentThread());
    QCOMPARE(callbackThread, QThread::currentThread());
    QVERIFY(!handle.isRunning());
    const auto info = manager.info(handle.id());
    QVERIFY(info);
    QCOMPARE(info->status, TaskManager::Status::Completed);
    QCOMPARE(info->progress, 100.0);
    QCOMPARE(info->title, QStringLiteral("sum"));
    QCOMPARE(info->log, QStringList{QStringLiteral("adding")});  // log lines arrive before the outcome
    QCOMPARE(logged.count(), 1);
    QVERIFY(progress.count() >= 1);
  }

  void voidWorkAndMoveOnlyResults() {
    TaskManager manager;
    bool done = false;
    manager.run(QStringLiteral("void"), [](core::Feedback&) {}, [&] { done = true; });
    std::unique_ptr<int> owned;
    manager.run(QStringLiteral("move-only"), [](core::Feedback&) { return std::make_unique<int>(7); },
                [&](std::unique_ptr<int> p) { owned = std::move(p); });
    QTRY_VERIFY_WITH_TIMEOUT(done && owned, 10000);
    QVERIFY(owned);
    QCOMPARE(*owned, 7);
  }

  void anErrorCarriesItsContext() {
    TaskManager manager;
    QSignalSpy finished(&manager, &TaskManager::taskFinished);
    TaskError error;
    bool successCalled = false;
    QString textOnly;
    const auto handle = manager.run(
        QStringLiteral("parse"),
        [](core::Feedback&) -> int {
          core::ErrorContext where;
          where.file = "counts.csv";
          where.line = 42;
          where.field = "count";
          where.expected = "a number";
          where.found = "abc";
          throw core::ParseError("bad count", where);
        },
        [&](int) { successCalled = true; }, [&](const TaskError& e) { error = e; });
    // An error callback may take the message only.
    manager.run(QStringLiteral("plain"), [](core::Feedback&) -> int { throw std::runtime_error("disk full"); },
                [](int) {}, [&](const QString& message) { textOnly = message; });
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 10000);
    QCOMPARE(statusAt(finished, 0), TaskManager::Status::Failed);
    QVERIFY(!successCalled);
    QCOMPARE(error.code, core::ErrorCode::Parse);
    QVERIFY(error.context);
    QCOMPARE(error.context->line.value_or(0), 42);
    QVERIFY2(error.message.contains(QStringLiteral("counts.csv:42")), qPrintable(error.message));
    QVERIFY2(error.message.contains(QStringLiteral("count")), qPrintable(error.message));
    QVERIFY2(error.message.contains(QStringLiteral("a number")), qPrintable(error.message));
    QVERIFY2(error.message.contains(QStringLiteral("abc")), qPrintable(error.message));
    QCOMPARE(manager.info(handle.id())->message, error.message);
    QCOMPARE(textOnly, QStringLiteral("disk full"));
  }

  // The Japanese UI shows the same failure in Japanese: the catalogue's title and layout
  // (core/error_messages.h), with the file, line, column and values.
  void anErrorInTheJapaneseUiIsInJapanese() {
    widgets::setUiIsJapanese(true);
    TaskManager manager;
    TaskError error;
    manager.run(
        QStringLiteral("parse"),
        [](core::Feedback&) -> int {
          throw core::ParseError("bad count", core::ErrorContext{"counts.csv", 42, std::nullopt, "count", "a number", "abc"});
        },
        [](int) {}, [&](const TaskError& e) { error = e; });
    QTRY_VERIFY_WITH_TIMEOUT(!error.message.isEmpty(), 10000);
    widgets::setUiIsJapanese(false);
    QCOMPARE(error.message, QStringLiteral("入力の形式が正しくありません: counts.csv 42 行目: 列「count」: count "
                                           "が正しくありません（期待: 数値、実際: 'abc'）"));
    QCOMPARE(error.code, core::ErrorCode::Parse);
  }

  void cancelEndsALoopingTaskAsCancelled() {
    TaskManager manager;
    QSignalSpy finished(&manager, &TaskManager::taskFinished);
    std::atomic<bool> started{false};
    bool successCalled = false, errorCalled = false, cancelledCalled = false;
    widgets::TaskOptions options;
    options.onCancelled = [&] { cancelledCalled = true; };
    const auto handle = manager.run(
        QStringLiteral("loop"), [&started](core::Feedback& f) { return loopUntilCancelled(f, &started); },
        [&](int) { successCalled = true; }, [&](const TaskError&) { errorCalled = true; }, options);
    QTRY_VERIFY_WITH_TIMEOUT(started.load(), 10000);
    QVERIFY(handle.isRunning());
    QCOMPARE(manager.runningCount(), 1);
    // Cancel from another thread: the flag is atomic.
    std::thread([&handle, &manager] { manager.cancel(handle.id()); }).join();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QCOMPARE(statusAt(finished, 0), TaskManager::Status::Cancelled);
    QVERIFY(!successCalled);
    QVERIFY(!errorCalled);  // cancelled is a status, not an error
    QVERIFY(cancelledCalled);
    QVERIFY(manager.info(handle.id())->message.isEmpty());
    QCOMPARE(manager.runningCount(), 0);
  }

  void aNewerTaskReplacesTheOlderOne() {
    TaskManager manager;
    QSignalSpy finished(&manager, &TaskManager::taskFinished);
    widgets::TaskOptions options;
    options.replaceKey = QStringLiteral("forecast");
    std::atomic<bool> started{false};
    const auto older = manager.run(
        QStringLiteral("older"), [&started](core::Feedback& f) { return loopUntilCancelled(f, &started); },
        [](int) {}, {}, options);
    QTRY_VERIFY_WITH_TIMEOUT(started.load(), 10000);
    int newer = 0;
    const auto newerHandle =
        manager.run(QStringLiteral("newer"), [](core::Feedback&) { return 2; }, [&](int v) { newer = v; }, {}, options);
    // A task with another key is left alone.
    std::atomic<bool> otherStarted{false};
    widgets::TaskOptions otherOptions;
    otherOptions.replaceKey = QStringLiteral("render");
    const auto other = manager.run(
        QStringLiteral("other"), [&](core::Feedback& f) { return loopUntilCancelled(f, &otherStarted); }, [](int) {},
        {}, otherOptions);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 10000);
    QCOMPARE(manager.info(older.id())->status, TaskManager::Status::Cancelled);
    QCOMPARE(manager.info(newerHandle.id())->status, TaskManager::Status::Completed);
    QCOMPARE(newer, 2);
    QTRY_VERIFY_WITH_TIMEOUT(otherStarted.load(), 10000);
    QVERIFY(other.isRunning());
    other.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, 10000);
  }

  void callbacksOfADestroyedContextAreDropped() {
    TaskManager manager;
    QSignalSpy finished(&manager, &TaskManager::taskFinished);
    auto* owner = new QObject;
    bool called = false;
    std::atomic<bool> started{false};
    widgets::TaskOptions options;
    options.context = owner;
    manager.run(
        QStringLiteral("owned"), [&started](core::Feedback& f) { return loopUntilCancelled(f, &started); },
        [&](int) { called = true; }, [&](const TaskError&) { called = true; }, options);
    QTRY_VERIFY_WITH_TIMEOUT(started.load(), 10000);
    delete owner;  // cancels the task
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QCOMPARE(statusAt(finished, 0), TaskManager::Status::Cancelled);
    QVERIFY(!called);
  }

  void destroyingTheManagerCancelsItsTasksWithoutWaiting() {
    std::atomic<bool> started{false};
    std::atomic<bool> returned{false};
    std::atomic<bool> stubbornReturned{false};
    bool called = false;
    auto manager = std::make_unique<TaskManager>();
    manager->run(
        QStringLiteral("long"),
        [&](core::Feedback& f) {
          try {
            return loopUntilCancelled(f, &started);
          } catch (...) {
            returned = true;
            throw;
          }
        },
        [&](int) { called = true; });
    // A worker that does not look at its cancel flag for a while.
    manager->run(
        QStringLiteral("stubborn"),
        [&](core::Feedback&) {
          std::this_thread::sleep_for(std::chrono::milliseconds(1500));
          stubbornReturned = true;
          return 1;
        },
        [&](int) { called = true; });
    QTRY_VERIFY_WITH_TIMEOUT(started.load(), 10000);
    QElapsedTimer clock;
    clock.start();
    manager.reset();
    const qint64 destroyMs = clock.elapsed();
    const bool stubbornStillRunning = !stubbornReturned.load();
    QTRY_VERIFY_WITH_TIMEOUT(returned.load() && stubbornReturned.load(), 10000);
    QTest::qWait(50);  // a late outcome would be delivered now
    QVERIFY(!called);
    // The GUI thread did not wait for the stubborn worker.
    QVERIFY(stubbornStillRunning);
    QVERIFY2(destroyMs < 200, qPrintable(QString::number(destroyMs)));
  }

  void aResultArrivingAfterItsReplacementIsDropped() {
    TaskManager manager;
    QSignalSpy finished(&manager, &TaskManager::taskFinished);
    widgets::TaskOptions options;
    options.replaceKey = QStringLiteral("same");
    std::atomic<bool> started{false};
    int olderResult = 0, newerResult = 0;
    bool olderCancelled = false;
    options.onCancelled = [&] { olderCancelled = true; };
    // The older work ignores its cancel flag and returns a result anyway.
    const auto older = manager.run(
        QStringLiteral("older"),
        [&started](core::Feedback&) {
          started = true;
          std::this_thread::sleep_for(std::chrono::milliseconds(300));
          return 1;
        },
        [&](int v) { olderResult = v; }, {}, options);
    QTRY_VERIFY_WITH_TIMEOUT(started.load(), 10000);
    options.onCancelled = {};
    const auto newer = manager.run(QStringLiteral("newer"), [](core::Feedback&) { return 2; },
                                   [&](int v) { newerResult = v; }, {}, options);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 10000);
    QCOMPARE(olderResult, 0);
    QVERIFY(olderCancelled);
    QCOMPARE(manager.info(older.id())->status, TaskManager::Status::Cancelled);
    QCOMPARE(newerResult, 2);
    QCOMPARE(manager.info(newer.id())->status, TaskManager::Status::Completed);
  }

  void hiddenTasksDeliverButAreNotListed() {
    TaskManager manager;
    TasksPanel panel(&manager);
    QSignalSpy added(&manager, &TaskManager::taskAdded);
    QSignalSpy finished(&manager, &TaskManager::taskFinished);
    widgets::TaskOptions options;
    options.hidden = true;
    std::vector<double> progress;
    options.onProgress = [&](double p) { progress.push_back(p); };
    int result = 0;
    const auto handle = manager.run(
        QStringLiteral("quiet read"),
        [](core::Feedback& f) {
          f.setProgress(0);
          f.setProgress(100);
          return 3;
        },
        [&](int v) { result = v; }, {}, options);
    QVERIFY(handle.isRunning());
    QCOMPARE(manager.runningCount(), 0);
    QVERIFY(manager.taskIds().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(result, 3, 10000);
    QVERIFY(!handle.isRunning());
    QVERIFY(!progress.empty());
    QCOMPARE(progress.back(), 100.0);
    QCOMPARE(added.count(), 0);
    QCOMPARE(finished.count(), 0);
    QCOMPARE(panel.rowCount(), 0);
    QVERIFY(!manager.info(handle.id()));  // forgotten once finished
  }

  void panelShowsARowPerTaskAndItsCancelButtonCancels() {
    TaskManager manager;
    TasksPanel panel(&manager);
    panel.show();
    QCOMPARE(panel.rowCount(), 0);
    QSignalSpy finished(&manager, &TaskManager::taskFinished);
    manager.run(QStringLiteral("Quick job"), [](core::Feedback&) { return 1; }, [](int) {});
    std::atomic<bool> started{false};
    const auto slow = manager.run(
        QStringLiteral("Slow job"), [&started](core::Feedback& f) { return loopUntilCancelled(f, &started); },
        [](int) {});
    QCOMPARE(panel.rowCount(), 2);
    QCOMPARE(panel.titleText(slow.id()), QStringLiteral("Slow job"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    const quint64 quick = finished.at(0).at(0).value<quint64>();
    QCOMPARE(panel.statusText(quick), QStringLiteral("Done"));
    QVERIFY(panel.cancelButton(quick)->isHidden());
    QTRY_VERIFY_WITH_TIMEOUT(started.load(), 10000);
    QPushButton* cancel = panel.cancelButton(slow.id());
    QVERIFY(cancel && cancel->isVisible());
    QCOMPARE(panel.statusText(slow.id()), QStringLiteral("Running"));
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 10000);
    QCOMPARE(statusAt(finished, 1), TaskManager::Status::Cancelled);
    QCOMPARE(panel.statusText(slow.id()), QStringLiteral("Cancelled"));
    QVERIFY(cancel->isHidden());

    // A failure shows its message; Clear finished removes every finished row.
    manager.run(QStringLiteral("Broken"), [](core::Feedback&) -> int { throw core::IoError("file not found"); },
                [](int) {});
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, 10000);
    const quint64 broken = finished.at(2).at(0).value<quint64>();
    QVERIFY2(panel.statusText(broken).startsWith(QStringLiteral("Failed: ")), qPrintable(panel.statusText(broken)));
    QVERIFY(panel.statusText(broken).contains(QStringLiteral("file not found")));
    QCOMPARE(panel.rowCount(), 3);
    QTest::mouseClick(panel.clearButton(), Qt::LeftButton);
    QCOMPARE(panel.rowCount(), 0);
    QVERIFY(manager.taskIds().isEmpty());
  }

  void docksRunThroughASharedManager() {
    SmallProject project;
    TaskManager manager;
    TasksPanel panel(&manager);
    // What the main window would hand the docks: the project's cells and the one manager.
    auto layers = std::make_shared<render::ProjectLayers>();
    auto cells = std::make_shared<render::MeshGeometry>();
    cells->add(1, project.codes[0], QPolygonF({QPointF(0, 0), QPointF(1, 0), QPointF(1, 1)}));
    layers->mesh = cells;
    const auto session = std::make_shared<const widgets::ProjectSession>(QString::fromStdString(project.path), layers,
                                                                         &manager);
    QCOMPARE(session->tasks(), &manager);
    widgets::ForecastDock forecast;
    forecast.setSession(session);
    forecast.setFeature(flow::FeatureKind::Cell, QString::fromStdString(project.codes[0]));
    forecast.setHorizonDays(1);
    QSignalSpy done(&forecast, &widgets::ForecastDock::runFinished);
    QSignalSpy finished(&manager, &TaskManager::taskFinished);
    // A second run replaces the first: the first ends cancelled, only the second reports.
    forecast.run();
    forecast.run();
    QCOMPARE(manager.taskIds().size(), 2);
    QCOMPARE(panel.rowCount(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 60000);
    const QList<quint64> ids = manager.taskIds();
    // The first is cancelled unless it finished before the second started (then it is not shown).
    QVERIFY(manager.info(ids[0])->status != TaskManager::Status::Failed);
    QCOMPARE(manager.info(ids[1])->status, TaskManager::Status::Completed);
    QCOMPARE(manager.info(ids[1])->title, QStringLiteral("Forecast of ") + QString::fromStdString(project.codes[0]));
    QCOMPARE(done.count(), 1);
    QCOMPARE(done.at(0).at(0).value<widgets::ForecastDock::RunStatus>(), widgets::ForecastDock::RunStatus::Completed);
    QVERIFY(forecast.lastForecast());

    // The comparison dock on the same manager; Cancel on its row in the panel cancels the dock's run.
    widgets::ComparisonDock comparison;
    comparison.setSession(session);
    QSignalSpy compared(&comparison, &widgets::ComparisonDock::runFinished);
    comparison.run();
    QVERIFY(comparison.isRunning());
    const quint64 id = manager.taskIds().back();
    QCOMPARE(panel.titleText(id), QStringLiteral("Comparison of periods A and B"));
    panel.cancelButton(id)->click();
    QTRY_COMPARE_WITH_TIMEOUT(compared.count(), 1, 60000);
    // Cancel may arrive after the (fast) run completed; either way the dock and the panel agree.
    const auto status = compared.at(0).at(0).value<widgets::ComparisonDock::RunStatus>();
    QVERIFY(status != widgets::ComparisonDock::RunStatus::Failed);
    QCOMPARE(panel.statusText(id), status == widgets::ComparisonDock::RunStatus::Cancelled ? QStringLiteral("Cancelled")
                                                                                           : QStringLiteral("Done"));
    QVERIFY(!comparison.isRunning());
  }

  void elapsedTimeIsFormatted() {
    QCOMPARE(TasksPanel::formatElapsed(1500), QStringLiteral("1.5 s"));
    QCOMPARE(TasksPanel::formatElapsed(125000), QStringLiteral("2 min 05 s"));
    QCOMPARE(TasksPanel::formatElapsed(3600 * 1000 + 60000 * 7), QStringLiteral("1 h 07 min"));
  }
};

QTEST_MAIN(TestTasks)
#include "test_tasks.moc"
