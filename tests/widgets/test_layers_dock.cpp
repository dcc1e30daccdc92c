// The Layers dock (issue 4, part 3): visibility check boxes, order (buttons, drag and drop),
// opacity snapshots, the style dialog (classification, ramps, fixed-breaks validation, the
// preview matching the legend), zoom to layer, and the saved state through QSettings.
#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest/QtTest>
#include <cmath>

#include "layers/graduated_choice.h"
#include "layers/layer_list_widget.h"
#include "layers/layer_stack.h"
#include "layers/layer_styling.h"
#include "layers/layers_dock.h"
#include "layers/layers_panel.h"
#include "layers/style_dialog.h"
#include "render/legend.h"
#include "render/mesh_population_layer.h"
#include "render/road_segments_layer.h"
#include "render/stations_layer.h"

using namespace ekm;
using render::ClassificationMethod;
using widgets::LayersPanel;
using widgets::StyleDialog;

namespace {

QPolygonF square(double x, double y, double size) {
  return QPolygonF({QPointF(x, y), QPointF(x + size, y), QPointF(x + size, y + size), QPointF(x, y + size)});
}

// Three layers, bottom first: mesh (4 cells of 100 m from (1000, 2000)), roads, stations.
render::LayerList makeLayers() {
  auto mesh = std::make_shared<render::MeshGeometry>();
  for (int i = 0; i < 4; ++i) mesh->add(i + 1, "53393599" + std::to_string(i), square(1000 + 100 * i, 2000, 100));
  auto values = std::make_shared<render::InMemoryMeshValues>(mesh->size());
  render::GraduatedStyle style;
  style.breaks = render::ClassBreaks({0, 10, 20, 40});
  auto roads = std::make_shared<render::RoadGeometry>();
  roads->add(7, render::RoadRank::Major, QPolygonF({QPointF(900, 1900), QPointF(1500, 2200)}));
  auto stations = std::make_shared<render::StationPoints>();
  stations->add(9, QPointF(1200, 2050), QStringLiteral("高輪ゲートウェイ"), QStringLiteral("Takanawa Gateway"));
  return {std::make_shared<render::MeshPopulationLayer>(QStringLiteral("mesh"), QStringLiteral("Population"), mesh,
                                                        values, style),
          std::make_shared<render::RoadSegmentsLayer>(QStringLiteral("roads"), QStringLiteral("Roads"), roads),
          std::make_shared<render::StationsLayer>(QStringLiteral("stations"), QStringLiteral("Stations"), stations)};
}

// A layer type the dock does not know (as a future heatmap or basemap would be).
class UnknownLayer : public render::MapLayer {
 public:
  UnknownLayer() : MapLayer(QStringLiteral("unknown"), QStringLiteral("Unknown")) {}
  render::Extent extent() const override { return {0, 0, 10, 20}; }
  void render(render::RenderContext& context) const override { context.painter.fillRect(0, 0, 4, 4, Qt::red); }
  std::vector<render::LegendGroup> legendGroups() const override { return {{QStringLiteral("Unknown"), {}}}; }
};

QStringList ids(const render::LayerList& layers) {
  QStringList out;
  for (const auto& l : layers) out.append(l->id());
  return out;
}

QListWidgetItem* itemOf(LayersPanel& panel, const QString& id) {
  for (int i = 0; i < panel.list()->count(); ++i)
    if (panel.list()->item(i)->data(Qt::UserRole).toString() == id) return panel.list()->item(i);
  return nullptr;
}

QAction* actionNamed(LayersPanel& panel, const QString& text) {
  for (QAction* a : panel.actions())
    if (a->text() == text) return a;
  return nullptr;
}

const render::MeshPopulationLayer* meshOf(const LayersPanel& panel) {
  return dynamic_cast<const render::MeshPopulationLayer*>(panel.layer(QStringLiteral("mesh")).get());
}

std::vector<double> zeroToHundred() {
  std::vector<double> v;
  for (int i = 0; i <= 100; ++i) v.push_back(i);
  return v;
}

}  // namespace

class TestLayersDock : public QObject {
  Q_OBJECT

 private slots:
  void listIsTopFirstWithCheckBoxes() {
    LayersPanel panel;
    panel.setLayers(makeLayers(), {QStringLiteral("roads")});
    QCOMPARE(panel.list()->idsTopFirst(), QStringList({"stations", "roads", "mesh"}));
    QCOMPARE(itemOf(panel, "roads")->checkState(), Qt::Unchecked);
    QCOMPARE(itemOf(panel, "mesh")->checkState(), Qt::Checked);
    QCOMPARE(ids(panel.visibleLayers()), QStringList({"mesh", "stations"}));
    QCOMPARE(ids(panel.allLayers()), QStringList({"mesh", "roads", "stations"}));
    QCOMPARE(panel.selectedLayerId(), QStringLiteral("stations"));  // the top layer by default
  }

  void uncheckingHidesLayer() {
    LayersPanel panel;
    panel.setLayers(makeLayers());
    QSignalSpy changed(&panel, &LayersPanel::layersChanged);
    itemOf(panel, "roads")->setCheckState(Qt::Unchecked);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(ids(panel.visibleLayers()), QStringList({"mesh", "stations"}));
    QVERIFY(!panel.isLayerVisible("roads"));
    itemOf(panel, "roads")->setCheckState(Qt::Checked);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(ids(panel.visibleLayers()), QStringList({"mesh", "roads", "stations"}));
  }

  void spaceKeyTogglesSelectedLayer() {
    LayersPanel panel;
    panel.setLayers(makeLayers());
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.selectLayer("stations");
    panel.list()->setFocus();
    QTest::keyClick(panel.list(), Qt::Key_Space);
    QVERIFY(!panel.isLayerVisible("stations"));
    QCOMPARE(ids(panel.visibleLayers()), QStringList({"mesh", "roads"}));
  }

  void moveUpChangesOrder() {
    LayersPanel panel;
    panel.setLayers(makeLayers());
    QSignalSpy changed(&panel, &LayersPanel::layersChanged);
    panel.selectLayer("mesh");
    QAction* up = actionNamed(panel, "Move up");
    QVERIFY(up && up->isEnabled());
    QVERIFY(!actionNamed(panel, "Move down")->isEnabled());  // mesh is the bottom layer
    up->trigger();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(ids(panel.visibleLayers()), QStringList({"roads", "mesh", "stations"}));
    QCOMPARE(panel.list()->idsTopFirst(), QStringList({"stations", "mesh", "roads"}));
    QCOMPARE(panel.selectedLayerId(), QStringLiteral("mesh"));  // the selection follows the layer
    up->trigger();
    QCOMPARE(ids(panel.visibleLayers()), QStringList({"roads", "stations", "mesh"}));
    QVERIFY(!up->isEnabled());  // now on top
    actionNamed(panel, "Move down")->trigger();
    QCOMPARE(ids(panel.visibleLayers()), QStringList({"roads", "mesh", "stations"}));
    // Hidden layers keep their place in the stack but are left out of visibleLayers().
    panel.setLayerVisible("mesh", false);
    QCOMPARE(ids(panel.visibleLayers()), QStringList({"roads", "stations"}));
    QCOMPARE(ids(panel.allLayers()), QStringList({"roads", "mesh", "stations"}));
  }

  void dragAndDropReorders() {
    LayersPanel panel;
    panel.setLayers(makeLayers());
    QSignalSpy changed(&panel, &LayersPanel::layersChanged);
    // What a drop does to the list: the bottom item (mesh) dropped at the top.
    QListWidgetItem* mesh = panel.list()->takeItem(2);
    panel.list()->insertItem(0, mesh);
    emit panel.list()->itemsReordered();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(ids(panel.visibleLayers()), QStringList({"roads", "stations", "mesh"}));
    QCOMPARE(panel.list()->idsTopFirst(), QStringList({"mesh", "stations", "roads"}));
  }

  void opacitySliderMakesNewSnapshot() {
    LayersPanel panel;
    panel.setLayers(makeLayers());
    panel.selectLayer("mesh");
    const auto before = panel.layer("mesh");
    QCOMPARE(panel.opacitySlider()->value(), 85);  // GraduatedStyle's default opacity
    QSignalSpy changed(&panel, &LayersPanel::layersChanged);
    panel.opacitySlider()->setValue(40);
    QCOMPARE(changed.count(), 1);
    const auto after = panel.layer("mesh");
    QVERIFY(after != before);
    QVERIFY(after->revision() != before->revision());
    QCOMPARE(after->opacity(), 0.4);
    QCOMPARE(before->opacity(), 0.85);  // snapshots are immutable
    QCOMPARE(meshOf(panel)->style().opacity, 0.4);
    QCOMPARE(meshOf(panel)->style().breaks, dynamic_cast<const render::MeshPopulationLayer&>(*before).style().breaks);
    QCOMPARE(panel.visibleLayers().front(), after);
    // Selecting another layer shows its opacity without changing anything.
    panel.selectLayer("roads");
    QCOMPARE(panel.opacitySlider()->value(), 100);
    QCOMPARE(changed.count(), 1);
  }

  void styleDialogEqualIntervalMatchesLegend() {
    LayersPanel panel;
    panel.setLayers(makeLayers());
    panel.setSampleValues("mesh", zeroToHundred());
    StyleDialog* dialog = panel.openStyleDialog("mesh");
    QVERIFY(dialog && dialog->isGraduated());
    dialog->setMethod(ClassificationMethod::EqualInterval);
    dialog->setClassCount(4);
    dialog->setRampName("cividis");
    QVERIFY(dialog->isValid());
    QCOMPARE(dialog->previewStyle().breaks.edges(), std::vector<double>({0, 25, 50, 75, 100}));
    // The preview lists the classes as the legend will, with the number of sample values in each.
    auto* preview = dialog->findChild<QTreeWidget*>("preview");
    QVERIFY(preview);
    QCOMPARE(preview->topLevelItemCount(), 5);  // 4 classes + no data
    const QStringList counts = {"26", "25", "25", "25", "0"};
    for (int i = 0; i < 5; ++i) QCOMPARE(preview->topLevelItem(i)->text(1), counts[i]);
    QCOMPARE(preview->topLevelItem(0)->data(0, Qt::UserRole).value<QColor>(), QColor("#00224e"));  // cividis start

    QSignalSpy changed(&panel, &LayersPanel::layersChanged);
    dialog->accept();
    QCOMPARE(changed.count(), 1);
    const auto* mesh = meshOf(panel);
    QVERIFY(mesh);
    QCOMPARE(mesh->style().breaks.edges(), std::vector<double>({0, 25, 50, 75, 100}));
    QCOMPARE(mesh->style().ramp.name(), QStringLiteral("cividis"));
    const render::LegendGroup legend = render::Legend::forGraduatedStyle(mesh->name(), mesh->style());
    std::vector<render::LegendItem> ranges;
    for (const auto& item : legend.items)
      if (item.kind == render::LegendItem::Kind::Range) ranges.push_back(item);
    QCOMPARE(ranges.size(), std::size_t(4));
    const render::ColourRamp cividis = render::ColourRamp::cividis();
    for (int i = 0; i < 4; ++i) {
      QCOMPARE(ranges[i].lower, 25.0 * i);
      QCOMPARE(ranges[i].upper, 25.0 * (i + 1));
      QCOMPARE(ranges[i].colour, cividis.classColour(i, 4));
      QCOMPARE(ranges[i].colour, mesh->style().colourFor(25.0 * i + 10));  // the map draws the legend's colour
    }
    QCOMPARE(ranges.front().colour, QColor("#00224e"));
    QCOMPARE(ranges.back().colour, QColor("#fee838"));
  }

  void styleDialogReverseRampAndQuantile() {
    LayersPanel panel;
    panel.setLayers(makeLayers());
    std::vector<double> skewed = {1, 2, 3, 4, 5, 6, 7, 8, 9, 1000, std::nan("")};
    panel.setSampleValues("mesh", skewed);
    StyleDialog* dialog = panel.openStyleDialog("mesh");
    dialog->setMethod(ClassificationMethod::Quantile);
    dialog->setClassCount(3);
    dialog->setRampName("viridis");
    dialog->setRampReversed(true);
    dialog->setOpacityPercent(60);
    const std::vector<double> expected = {1, 4, 7, 1000};  // numpy.quantile(v, [0, 1/3, 2/3, 1])
    QCOMPARE(dialog->previewStyle().breaks.edges(), expected);
    dialog->accept();
    const auto* mesh = meshOf(panel);
    QCOMPARE(mesh->style().breaks.edges(), expected);
    QCOMPARE(mesh->style().classColour(0), QColor("#fde725"));  // viridis reversed: yellow first
    QCOMPARE(mesh->style().classColour(2), QColor("#440154"));
    QCOMPARE(mesh->opacity(), 0.6);
    // The next dialog starts from the choice made.
    StyleDialog* again = panel.openStyleDialog("mesh");
    QCOMPARE(again->method(), ClassificationMethod::Quantile);
    QCOMPARE(again->previewStyle().breaks.edges(), expected);
    QCOMPARE(again->choice()->reversed, true);
    again->reject();
  }

  void invalidFixedBreaksKeepOkDisabled() {
    LayersPanel panel;
    panel.setLayers(makeLayers());
    panel.setSampleValues("mesh", zeroToHundred());
    StyleDialog* dialog = panel.openStyleDialog("mesh");
    QPushButton* ok = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    auto* error = dialog->findChild<QLabel*>("breaksError");
    QVERIFY(ok->isEnabled());
    QVERIFY(error->isHidden());

    dialog->setFixedBreaksText("0, 50, 20");
    QCOMPARE(dialog->method(), ClassificationMethod::Fixed);
    QVERIFY(!dialog->isValid());
    QVERIFY(!ok->isEnabled());
    QVERIFY(!error->isHidden());
    QVERIFY2(error->text().contains("Value 3 (20) must be greater than value 2 (50)"), qPrintable(error->text()));
    QVERIFY(!dialog->choice());
    QVERIFY(!dialog->styledLayer());

    dialog->setFixedBreaksText("0, 1O0");
    QVERIFY(!ok->isEnabled());
    QVERIFY2(error->text().contains("“1O0”") && error->text().contains("not a number"), qPrintable(error->text()));
    dialog->setFixedBreaksText("0,,5");
    QVERIFY2(error->text().contains("Value 2 is empty"), qPrintable(error->text()));
    dialog->setFixedBreaksText("5");
    QVERIFY(!ok->isEnabled());
    dialog->setFixedBreaksText("");
    QVERIFY(!ok->isEnabled());
    dialog->setFixedBreaksText("0,1,2,3,4,5,6,7,8,9,10,11");  // 11 classes: one too many
    QVERIFY2(error->text().contains("At most 11"), qPrintable(error->text()));

    // Typing in the editor switches to fixed breaks; Japanese commas are accepted.
    dialog->setMethod(ClassificationMethod::EqualInterval);
    auto* edit = dialog->findChild<QLineEdit*>("fixedBreaks");
    edit->clear();
    QTest::keyClicks(edit, QStringLiteral("0"));
    QTest::sendKeyEvent(QTest::Click, edit, Qt::Key_unknown, QStringLiteral("、"), Qt::NoModifier);
    QTest::keyClicks(edit, QStringLiteral(" 10.5"));
    QTest::sendKeyEvent(QTest::Click, edit, Qt::Key_unknown, QStringLiteral("，"), Qt::NoModifier);
    QTest::keyClicks(edit, QStringLiteral(" 100"));
    QCOMPARE(edit->text(), QStringLiteral("0、 10.5， 100"));
    QCOMPARE(dialog->method(), ClassificationMethod::Fixed);
    QVERIFY(ok->isEnabled());
    QVERIFY(error->isHidden());
    QCOMPARE(dialog->previewStyle().breaks.edges(), std::vector<double>({0, 10.5, 100}));
    QSignalSpy changed(&panel, &LayersPanel::layersChanged);
    ok->click();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(meshOf(panel)->style().breaks.edges(), std::vector<double>({0, 10.5, 100}));
  }

  void computedMethodWithoutValuesAsksForFixedBreaks() {
    LayersPanel panel;
    panel.setLayers(makeLayers());
    StyleDialog* dialog = panel.openStyleDialog("mesh");  // no sample values given
    QCOMPARE(dialog->method(), ClassificationMethod::Fixed);  // starts from the current breaks
    QCOMPARE(dialog->previewStyle().breaks.edges(), std::vector<double>({0, 10, 20, 40}));
    QVERIFY(dialog->isValid());
    dialog->setMethod(ClassificationMethod::NaturalBreaks);
    QVERIFY(!dialog->isValid());
    QVERIFY(dialog->errorText().contains("no values"));
    dialog->reject();
  }

  void sampleValuesAtAnHourLoadInTheBackground() {
    widgets::TaskManager tasks;
    LayersPanel panel;
    render::LayerList layers = makeLayers();
    auto* mesh = dynamic_cast<const render::MeshPopulationLayer*>(layers.front().get());
    auto values = std::const_pointer_cast<render::InMemoryMeshValues>(
        std::dynamic_pointer_cast<const render::InMemoryMeshValues>(mesh->values()));
    const core::HourKey hour = 482000;
    values->setValues(hour, {5, 15, std::nan(""), 35});
    panel.setLayers(layers);
    QVERIFY(!panel.loadSampleValuesAt("mesh", hour));  // no TaskManager: nothing runs
    panel.setTaskManager(&tasks);
    QVERIFY(!panel.loadSampleValuesAt("roads", hour));  // no per-hour values
    QSignalSpy loaded(&panel, &LayersPanel::sampleValuesLoaded);
    QVERIFY(panel.loadSampleValuesAt("mesh", hour + 1));  // superseded by the next request
    QVERIFY(panel.loadSampleValuesAt("mesh", hour));
    QVERIFY(loaded.wait(5000));
    QTest::qWait(50);  // the superseded result (if it came later) must not be applied
    QCOMPARE(loaded.count(), 1);
    const std::vector<double>* sample = panel.sampleValues("mesh");
    QVERIFY(sample && sample->size() == 4);
    QCOMPARE((*sample)[3], 35.0);
    StyleDialog* dialog = panel.openStyleDialog("mesh");
    dialog->setMethod(ClassificationMethod::EqualInterval);
    dialog->setClassCount(3);
    QCOMPARE(dialog->previewStyle().breaks.edges(), std::vector<double>({5, 15, 25, 35}));
    dialog->reject();
  }

  void styleDialogOfOtherLayersChangesOpacity() {
    LayersPanel panel;
    panel.setLayers(makeLayers());
    StyleDialog* dialog = panel.openStyleDialog("roads");
    QVERIFY(!dialog->isGraduated());
    QVERIFY(!dialog->findChild<QTreeWidget*>("preview"));
    dialog->setOpacityPercent(30);
    const auto before = panel.layer("roads");
    dialog->accept();
    QCOMPARE(panel.layer("roads")->opacity(), 0.3);
    QVERIFY(panel.layer("roads")->revision() != before->revision());
    QVERIFY(dynamic_cast<const render::RoadSegmentsLayer*>(panel.layer("roads").get()));
  }

  void replaceLayerKeepsPlaceVisibilityAndChoices() {
    LayersPanel panel;
    render::LayerList layers = makeLayers();
    panel.setLayers(layers, {QStringLiteral("mesh")});
    panel.selectLayer("roads");
    panel.setLayerOpacity("mesh", 0.5);
    QSignalSpy changed(&panel, &LayersPanel::layersChanged);
    panel.replaceLayer(makeLayers().front());  // a new mesh snapshot, opacity 0.85
    QCOMPARE(changed.count(), 1);
    QCOMPARE(ids(panel.allLayers()), QStringList({"mesh", "roads", "stations"}));
    QVERIFY(!panel.isLayerVisible("mesh"));
    QCOMPARE(panel.layer("mesh")->opacity(), 0.5);  // the user's opacity stays
    // setLayers keeps the selection by id.
    panel.setLayers(makeLayers());
    QCOMPARE(panel.selectedLayerId(), QStringLiteral("roads"));
    panel.addLayer(std::make_shared<render::RoadSegmentsLayer>(QStringLiteral("extra"), QStringLiteral("Extra"),
                                                               std::make_shared<render::RoadGeometry>()));
    QCOMPARE(ids(panel.visibleLayers()).last(), QStringLiteral("extra"));
    panel.removeLayer("extra");
    QCOMPARE(ids(panel.allLayers()), QStringList({"mesh", "roads", "stations"}));
  }

  void opacityOfUnknownLayerTypeThroughWrapper() {
    LayersPanel panel;
    auto original = std::make_shared<UnknownLayer>();
    panel.setLayers({original});
    panel.selectLayer("unknown");
    QVERIFY(panel.opacitySlider()->isEnabled());
    panel.opacitySlider()->setValue(25);
    auto wrapped = std::dynamic_pointer_cast<const widgets::OpacityOverrideLayer>(panel.layer("unknown"));
    QVERIFY(wrapped);
    QCOMPARE(wrapped->opacity(), 0.25);
    QCOMPARE(wrapped->inner(), std::shared_ptr<const render::MapLayer>(original));
    QCOMPARE(wrapped->extent(), original->extent());
    QCOMPARE(wrapped->legendGroups().front().title, QStringLiteral("Unknown"));
    panel.opacitySlider()->setValue(75);  // re-wraps the original, not the wrapper
    wrapped = std::dynamic_pointer_cast<const widgets::OpacityOverrideLayer>(panel.layer("unknown"));
    QCOMPARE(wrapped->inner(), std::shared_ptr<const render::MapLayer>(original));
    QCOMPARE(wrapped->opacity(), 0.75);
    // The wrapper draws the layer's own picture.
    render::MapSettings settings;
    settings.setExtent(render::Extent{0, 0, 10, 20});
    settings.setOutputSize(QSize(10, 20));
    QImage image(10, 20, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    render::RenderContext context{painter, settings, settings.mapToPixel(), settings.visibleExtent(), core::nullFeedback()};
    wrapped->render(context);
    painter.end();
    QCOMPARE(image.pixelColor(1, 1), QColor(Qt::red));
  }

  void zoomToLayerEmitsExtent() {
    LayersPanel panel;
    panel.setLayers(makeLayers());
    panel.selectLayer("mesh");
    QSignalSpy zoom(&panel, &LayersPanel::zoomToExtentRequested);
    actionNamed(panel, "Zoom to layer")->trigger();
    QCOMPARE(zoom.count(), 1);
    const auto extent = zoom.at(0).at(0).value<render::Extent>();
    QCOMPARE(extent.xMin, 1000.0);
    QCOMPARE(extent.xMax, 1400.0);
    QCOMPARE(extent.yMin, 2000.0);
    QCOMPARE(extent.yMax, 2100.0);
  }

  void stateRoundTripsThroughSettings() {
    LayersPanel panel;
    panel.setLayers(makeLayers());
    panel.setSampleValues("mesh", zeroToHundred());
    panel.setLayerVisible("roads", false);
    panel.moveLayerToTop("mesh");
    panel.setLayerOpacity("stations", 0.5);
    StyleDialog* dialog = panel.openStyleDialog("mesh");
    dialog->setMethod(ClassificationMethod::EqualInterval);
    dialog->setClassCount(4);
    dialog->setRampName("cividis");
    dialog->setRampReversed(true);
    dialog->setOpacityPercent(70);
    dialog->accept();
    const QVariantMap state = panel.saveState();
    QCOMPARE(state.value("order").toStringList(), QStringList({"mesh", "stations", "roads"}));

    QTemporaryDir dir;
    {
      QSettings settings(dir.filePath("layers.ini"), QSettings::IniFormat);
      settings.setValue("project/layers", state);
    }
    QSettings settings(dir.filePath("layers.ini"), QSettings::IniFormat);
    const QVariantMap restored = settings.value("project/layers").toMap();

    // Restored before the layers arrive (the window reads its settings first) ...
    LayersPanel before;
    before.restoreState(restored);
    before.setLayers(makeLayers());
    // ... and after.
    LayersPanel after;
    after.setLayers(makeLayers());
    QSignalSpy changed(&after, &LayersPanel::layersChanged);
    after.restoreState(restored);
    QCOMPARE(changed.count(), 1);
    for (LayersPanel* p : {&before, &after}) {
      QCOMPARE(ids(p->allLayers()), QStringList({"roads", "stations", "mesh"}));
      QCOMPARE(ids(p->visibleLayers()), QStringList({"stations", "mesh"}));
      QCOMPARE(p->layer("stations")->opacity(), 0.5);
      QCOMPARE(p->layer("mesh")->opacity(), 0.7);
      QCOMPARE(meshOf(*p)->style(), meshOf(panel)->style());
      QCOMPARE(meshOf(*p)->style().breaks.edges(), std::vector<double>({0, 25, 50, 75, 100}));
      QCOMPARE(meshOf(*p)->style().ramp.name(), QStringLiteral("cividis (reversed)"));
      QCOMPARE(p->saveState(), state);
    }
    // A state of another version is ignored.
    QVariantMap future = state;
    future["version"] = 99;
    LayersPanel other;
    other.setLayers(makeLayers());
    other.restoreState(future);
    QCOMPARE(ids(other.visibleLayers()), QStringList({"mesh", "roads", "stations"}));
  }

  void choiceVariantRejectsBadInput() {
    widgets::GraduatedChoice c;
    c.method = ClassificationMethod::NaturalBreaks;
    c.edges = {0, 5, 10};
    c.rampName = "cividis";
    QCOMPARE(widgets::GraduatedChoice::fromVariant(c.toVariant()), std::optional(c));
    QVariantMap bad = c.toVariant();
    bad["edges"] = QVariantList({0, 10, 5});
    QVERIFY(!widgets::GraduatedChoice::fromVariant(bad));
    bad = c.toVariant();
    bad["method"] = "kmeans";
    QVERIFY(!widgets::GraduatedChoice::fromVariant(bad));
  }

  void stackSetOrderKeepsUnnamedLayersInPlace() {
    render::LayerList layers = makeLayers();
    layers.push_back(std::make_shared<render::RoadSegmentsLayer>(QStringLiteral("d"), QStringLiteral("D"),
                                                                 std::make_shared<render::RoadGeometry>()));
    widgets::LayerStack stack;
    stack.setLayers(layers);
    QVERIFY(stack.setOrder({"d", "roads", "unknown"}));
    QCOMPARE(stack.ids(), QStringList({"mesh", "d", "stations", "roads"}));
    QVERIFY(!stack.setOrder({"d", "roads"}));
  }

  // With EKM_LAYERS_SCREENSHOT_DIR=<dir>: pictures of the panel and the style dialog to look at.
  void screenshots() {
    const QString dir = qEnvironmentVariable("EKM_LAYERS_SCREENSHOT_DIR");
    if (dir.isEmpty()) QSKIP("EKM_LAYERS_SCREENSHOT_DIR not set");
    widgets::LayersDock dock;
    LayersPanel& panel = *dock.panel();
    panel.setLayers(makeLayers(), {QStringLiteral("roads")});
    std::vector<double> values;
    for (int i = 0; i < 2000; ++i) values.push_back(std::round(50 * std::exp(0.0025 * i)));
    for (int i = 0; i < 40; ++i) values.push_back(std::nan(""));
    panel.setSampleValues("mesh", values);
    panel.selectLayer("mesh");
    dock.resize(300, 320);
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    StyleDialog* dialog = panel.openStyleDialog("mesh");
    dialog->setMethod(ClassificationMethod::NaturalBreaks);
    dialog->setClassCount(6);
    dialog->setRampName("magma");
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QCoreApplication::processEvents();
    QVERIFY(dock.grab().save(dir + "/layers_dock.png"));
    QVERIFY(dialog->grab().save(dir + "/style_dialog.png"));
    dialog->setFixedBreaksText("0, 100, 80");
    QCoreApplication::processEvents();
    QVERIFY(dialog->grab().save(dir + "/style_dialog_error.png"));
  }

  void dockHoldsPanel() {
    widgets::LayersDock dock;
    QCOMPARE(dock.objectName(), QStringLiteral("LayersDock"));
    QVERIFY(dock.panel());
    QCOMPARE(dock.widget(), dock.panel());
  }
};

QTEST_MAIN(TestLayersDock)
#include "test_layers_dock.moc"
