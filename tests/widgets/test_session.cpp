// The GUI thread never waits for a worker (DESIGN.md section 4, Threads). With the sample
// district open in a main window (made once with `ekimachi-cli sample`), every dock has the
// window's ProjectSession and its one TaskManager; then:
//  - a demand assignment with a tight gap and a forecast of every mesh cell run at the same
//    time through the docks while a 10 ms timer measures the event loop: no gap above 100 ms
//    (less the time the kernel kept the runnable GUI thread off the CPUs: on a 2-core CI machine
//    running other tests beside this one, the wall-clock gap also measures the neighbours; the
//    wall-clock gap itself stays under a second);
//  - a newer forecast replaces the older one, whose result is dropped; reopening the project
//    while the assignment runs cancels it and drops its result;
//  - closing the project, and destroying the window, while tasks run returns at once, and
//    nothing arrives from the cancelled workers afterwards.
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest/QtTest>
#include <algorithm>
#include <cstdio>
#include <map>
#include <thread>

#include "demand/demand_dock.h"
#include "flow/comparison_dock.h"
#include "flow/forecast_dock.h"
#include "inspect/charts_panel.h"
#include "inspect/inspector_panel.h"
#include "main/main_window.h"
#include "map/map_canvas.h"
#include "session/project_session.h"
#include "tasks/task_manager.h"
#include "support/qt_cli.h"

using namespace ekm;
using widgets::DemandDock;
using widgets::ForecastDock;

namespace {

// The GUI thread's scheduler account (Linux /proc/thread-self/schedstat): time on a CPU and
// time runnable but waiting for one, in ns; zeros where the kernel does not keep it.
struct SchedAccount {
  qint64 cpuNs = 0;
  qint64 waitNs = 0;
};
SchedAccount schedAccount() {
  SchedAccount a;
  if (FILE* f = std::fopen("/proc/thread-self/schedstat", "r")) {
    long long cpu = 0, wait = 0;
    if (std::fscanf(f, "%lld %lld", &cpu, &wait) == 2) a = {cpu, wait};
    std::fclose(f);
  }
  return a;
}

// Wall-clock time since start() less the time the GUI thread was runnable but not scheduled:
// how long the thread itself worked or waited.
class OwnClock {
 public:
  void start() {
    m_clock.start();
    m_account = schedAccount();
  }
  qint64 elapsedMs() const { return m_clock.elapsed() - (schedAccount().waitNs - m_account.waitNs) / 1000000; }

 private:
  QElapsedTimer m_clock;
  SchedAccount m_account;
};

// The gaps between two ticks of a 10 ms timer on the GUI thread. A gap is the thread's own work
// or waiting (what the application controls) plus time it was runnable but the kernel ran other
// threads (on a 2-core machine busy with other tests, not the application's doing). Both the wall
// gap and the gap less the kernel's run-queue wait are kept.
class LoopProbe : public QObject {
 public:
  LoopProbe() {
    m_timer.setInterval(10);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] {
      const qint64 now = m_clock.elapsed();
      const SchedAccount account = schedAccount();
      const qint64 gap = now - m_last;
      const qint64 waited = (account.waitNs - m_account.waitNs) / 1000000;
      const qint64 ownGap = gap - waited;
      if (gap > m_maxGapMs) m_maxGapMs = gap, m_maxGapAtMs = now, m_maxGapWaitMs = waited;
      if (ownGap > m_maxOwnGapMs)
        m_maxOwnGapMs = ownGap, m_maxOwnGapAtMs = now, m_maxOwnGapCpuMs = (account.cpuNs - m_account.cpuNs) / 1000000;
      m_last = now;
      m_account = account;
      ++m_ticks;
    });
  }
  void start() {
    m_clock.start();
    m_last = 0;
    m_account = schedAccount();
    m_maxGapMs = m_maxOwnGapMs = 0;
    m_ticks = 0;
    m_timer.start();
  }
  void stop() { m_timer.stop(); }
  // The longest wall-clock gap, when it ended and how much of it the thread waited for a CPU.
  qint64 maxGapMs() const { return m_maxGapMs; }
  QString maxGapText() const {
    return QStringLiteral("longest gap %1 ms (ended at %2 ms, %3 ms of it runnable but not scheduled); "
                          "longest gap less run-queue wait %4 ms (ended at %5 ms, %6 ms on a CPU)")
        .arg(m_maxGapMs)
        .arg(m_maxGapAtMs)
        .arg(m_maxGapWaitMs)
        .arg(m_maxOwnGapMs)
        .arg(m_maxOwnGapAtMs)
        .arg(m_maxOwnGapCpuMs);
  }
  // The longest gap less the time the thread was runnable but not scheduled.
  qint64 maxOwnGapMs() const { return m_maxOwnGapMs; }
  int ticks() const { return m_ticks; }
  qint64 elapsedMs() const { return m_clock.elapsed(); }

 private:
  QTimer m_timer;
  QElapsedTimer m_clock;
  qint64 m_last = 0;
  SchedAccount m_account;
  qint64 m_maxGapMs = 0, m_maxGapAtMs = 0, m_maxGapWaitMs = 0;
  qint64 m_maxOwnGapMs = 0, m_maxOwnGapAtMs = 0, m_maxOwnGapCpuMs = 0;
  int m_ticks = 0;
};

// Runs the GUI thread's event loop until `done()` or the timeout; true when done.
template <typename Done>
bool spinUntil(Done done, int timeoutMs) {
  QEventLoop loop;
  QTimer check;
  QObject::connect(&check, &QTimer::timeout, &loop, [&] {
    if (done()) loop.quit();
  });
  check.start(5);
  QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
  if (!done()) loop.exec();
  return done();
}

// Runs the event loop for `ms` (late results of cancelled tasks would be delivered now).
void spinFor(int ms) { spinUntil([] { return false; }, ms); }

// An assignment on the sample's road network that takes a while: Algorithm B to a tight gap.
void setLongAssignment(DemandDock& dock) {
  demand::AssignParams p = dock.params();  // the dock's default hours for the project
  p.network.zones = "mesh:250m";
  p.network.network = "road";
  p.demand.od.clear();
  p.assignment.algorithm = "b";
  p.assignment.gap = 1e-9;
  p.assignment.max_iter = 400;
  dock.setParams(p);
}

}  // namespace

class TestSession : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  QString m_project;
  std::unique_ptr<widgets::MainWindow> m_window;

  // A window (layout not persisted) with the sample open; false if it did not load.
  bool openWindow() {
    m_window = std::make_unique<widgets::MainWindow>();
    m_window->setPersistLayout(false);
    m_window->resize(1000, 700);
    m_window->show();
    QSignalSpy loaded(m_window.get(), &widgets::MainWindow::projectLoaded);
    m_window->openProject(m_project);
    return loaded.wait(120000) && m_window->session();
  }

  // The mesh cell with the most people at the first hour (read here, on the test's thread).
  QString busiestCell() const {
    const widgets::ProjectSession& session = *m_window->session();
    std::map<std::int64_t, std::string> codes;
    for (const auto& c : session.store().meshCells()) codes[c.fid] = c.meshCode;
    double best = -1;
    std::string code;
    for (const auto& fv : session.store().meshPopulationSlice(session.timeRange()->first))
      if (fv.value > best) best = fv.value, code = codes[fv.fid];
    return QString::fromStdString(code);
  }

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
    // The test's own child process, not a GUI worker.
    QCOMPARE(ekm_test::cli({QStringLiteral("sample"), QStringLiteral("--out"), m_dir.path(), QStringLiteral("--seed"),
                            QStringLiteral("1")}),
             0);
    m_project = m_dir.filePath(QStringLiteral("sample.gpkg"));
  }

  void everyDockHasTheWindowsSession() {
    QVERIFY(openWindow());
    const widgets::SessionPtr session = m_window->session();
    QCOMPARE(session->path(), m_project);
    QCOMPARE(session->tasks(), m_window->taskManager());
    QCOMPARE(session->layers(), m_window->project());
    QCOMPARE(m_window->forecastDock()->session(), session);
    QCOMPARE(m_window->comparisonDock()->session(), session);
    QCOMPARE(m_window->demandDock()->session(), session);
    QCOMPARE(m_window->inspector()->session(), session);
    QCOMPARE(m_window->charts()->session(), session);
    QVERIFY(session->mesh() && session->mesh()->size() > 0);
    QVERIFY(session->timeRange());
    // Each thread reads through its own connection.
    const store::Project* mine = &session->store();
    QCOMPARE(&session->store(), mine);
    const store::Project* other = nullptr;
    std::thread([&] { other = &session->store(); }).join();
    QVERIFY(other && other != mine);
  }

  void theEventLoopTurnsWhileAnAssignmentAndAForecastRun() {
    QVERIFY(m_window || openWindow());
    DemandDock* demand = m_window->demandDock();
    ForecastDock* forecast = m_window->forecastDock();
    setLongAssignment(*demand);
    forecast->setFeature(flow::FeatureKind::Cell, busiestCell());
    forecast->setHorizonDays(14);
    forecast->setModel(flow::ForecastModel::Regression);
    QSignalSpy demandDone(demand, &DemandDock::runFinished);
    QSignalSpy forecastDone(forecast, &ForecastDock::runFinished);
    LoopProbe probe;
    qint64 demandAtMs = -1, forecastAtMs = -1;  // when each result reached the GUI thread
    connect(demand, &DemandDock::runFinished, &probe, [&] { demandAtMs = probe.elapsedMs(); });
    connect(forecast, &ForecastDock::runFinished, &probe, [&] { forecastAtMs = probe.elapsedMs(); });
    probe.start();
    demand->run();
    forecast->run();
    QVERIFY(demand->isRunning());
    QVERIFY(forecast->isRunning());
    // The assignment, and the forecast dock's forecast and backtest operations.
    QVERIFY(m_window->taskManager()->runningCount() >= 2);
    const bool finished = spinUntil([&] { return !demandDone.isEmpty() && !forecastDone.isEmpty(); }, 280000);
    probe.stop();
    QVERIFY(finished);
    QVERIFY2(demandDone.at(0).at(0).value<DemandDock::RunStatus>() == DemandDock::RunStatus::Completed,
             qPrintable(demandDone.at(0).at(1).toString()));
    QVERIFY2(forecastDone.at(0).at(0).value<ForecastDock::RunStatus>() == ForecastDock::RunStatus::Completed,
             qPrintable(forecastDone.at(0).at(1).toString()));
    QVERIFY(forecast->lastForecast() && forecast->lastBacktest());
    QVERIFY(demand->lastRun());
    QVERIFY(demand->lastRun()->assignment().iterations.size() > 10);
    qInfo("assignment + forecast with backtest: %lld ms, %d timer ticks; results at %lld ms (assignment) and %lld ms "
          "(forecast); %s",
          probe.elapsedMs(), probe.ticks(), demandAtMs, forecastAtMs, qPrintable(probe.maxGapText()));
    QVERIFY2(probe.maxOwnGapMs() <= 100, qPrintable(probe.maxGapText()));
    // The run-queue wait is excused above, but not without bound: a GUI thread kept off the CPUs
    // for a second (e.g. by the application's own workers saturating every core) is a freeze.
    QVERIFY2(probe.maxGapMs() <= 1000, qPrintable(probe.maxGapText()));
  }

  void aNewerRunReplacesTheOlderAndItsResultIsDropped() {
    QVERIFY(m_window || openWindow());
    ForecastDock* forecast = m_window->forecastDock();
    const auto& codes = m_window->session()->mesh()->codes;
    QVERIFY(codes.size() > 2);
    QSignalSpy forecastDone(forecast, &ForecastDock::runFinished);
    forecast->setFeature(flow::FeatureKind::Cell, QString::fromStdString(codes[0]));
    forecast->run();
    forecast->setFeature(flow::FeatureKind::Cell, QString::fromStdString(codes[1]));
    forecast->run();  // cancels the first; only the second reports
    QVERIFY(spinUntil([&] { return !forecastDone.isEmpty() && !forecast->isRunning(); }, 120000));
    spinFor(200);  // a late first result would arrive now
    QCOMPARE(forecastDone.count(), 1);
    QCOMPARE(forecastDone.at(0).at(0).value<ForecastDock::RunStatus>(), ForecastDock::RunStatus::Completed);
    // In the Tasks dock: the first ended cancelled, the second completed. (Other docks run tasks
    // of their own meanwhile, e.g. the Ridership tab's KPIs: look the forecasts up by title.)
    QList<quint64> forecasts;
    for (const quint64 id : m_window->taskManager()->taskIds())
      if (m_window->taskManager()->info(id)->title.startsWith(QStringLiteral("Forecast of "))) forecasts << id;
    QVERIFY(forecasts.size() >= 2);
    const auto first = m_window->taskManager()->info(forecasts[forecasts.size() - 2]);
    const auto second = m_window->taskManager()->info(forecasts.back());
    QVERIFY(first->title.endsWith(QString::fromStdString(codes[0])));
    QCOMPARE(first->status, widgets::TaskManager::Status::Cancelled);
    QVERIFY(second->title.endsWith(QString::fromStdString(codes[1])));
    QCOMPARE(second->status, widgets::TaskManager::Status::Completed);

    // Reopening the project while an assignment runs: a new session; the old run is cancelled
    // without waiting and its result never shows.
    DemandDock* demand = m_window->demandDock();
    setLongAssignment(*demand);
    QSignalSpy demandDone(demand, &DemandDock::runFinished);
    QSignalSpy layers(demand, &DemandDock::resultLayersReady);
    demand->run();
    QVERIFY(demand->isRunning());
    const widgets::SessionPtr before = m_window->session();
    QSignalSpy loaded(m_window.get(), &widgets::MainWindow::projectLoaded);
    m_window->openProject(m_project);
    QVERIFY(spinUntil([&] { return !loaded.isEmpty(); }, 120000));
    QVERIFY(m_window->session() != before);
    QCOMPARE(demand->session(), m_window->session());
    QVERIFY(!demand->isRunning());
    QVERIFY(spinUntil([&] { return m_window->taskManager()->runningCount() == 0; }, 60000));
    spinFor(200);
    QCOMPARE(demandDone.count(), 0);
    QCOMPARE(layers.count(), 0);
    QVERIFY(!demand->lastRun());
  }

  void closingTheProjectWhileTasksRunDoesNotBlock() {
    QVERIFY(m_window || openWindow());
    DemandDock* demand = m_window->demandDock();
    ForecastDock* forecast = m_window->forecastDock();
    setLongAssignment(*demand);
    QSignalSpy demandDone(demand, &DemandDock::runFinished);
    QSignalSpy forecastDone(forecast, &ForecastDock::runFinished);
    QSignalSpy layers(demand, &DemandDock::resultLayersReady);
    QSignalSpy mapReady(forecast, &ForecastDock::forecastMapReady);
    demand->run();
    forecast->runMap();
    spinFor(300);  // both are well under way
    QVERIFY(demand->isRunning() && forecast->isRunning());
    OwnClock clock;
    clock.start();
    m_window->closeProject();
    const qint64 closeMs = clock.elapsedMs();
    qInfo("closeProject with two running tasks: %lld ms", closeMs);
    QVERIFY2(closeMs < 100, qPrintable(QString::number(closeMs)));
    QVERIFY(!m_window->session());
    QVERIFY(!demand->session() && !forecast->session());
    QVERIFY(!demand->isRunning() && !forecast->isRunning());
    QVERIFY(m_window->canvas()->layers().empty());
    QVERIFY(spinUntil([&] { return m_window->taskManager()->runningCount() == 0; }, 60000));
    spinFor(200);
    QCOMPARE(demandDone.count(), 0);
    QCOMPARE(forecastDone.count(), 0);
    QCOMPARE(layers.count(), 0);
    QCOMPARE(mapReady.count(), 0);

    // Destroying the window while an assignment runs: no wait, and nothing arrives later.
    QVERIFY(openWindow());
    setLongAssignment(*m_window->demandDock());
    m_window->demandDock()->run();
    spinFor(300);
    clock.start();
    m_window.reset();
    const qint64 destroyMs = clock.elapsedMs();
    qInfo("destroying the window with a running assignment: %lld ms", destroyMs);
    QVERIFY2(destroyMs < 500, qPrintable(QString::number(destroyMs)));
    spinFor(500);
  }
};

QTEST_MAIN(TestSession)
#include "test_session.moc"
