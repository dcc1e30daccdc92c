#include "layers/style_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QSlider>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "layers/layer_icons.h"
#include "layers/layer_styling.h"
#include "render/heatmap_layer.h"
#include "render/legend.h"

namespace ekm::widgets {

using render::ClassificationMethod;

namespace {

constexpr ClassificationMethod kMethods[] = {ClassificationMethod::Quantile, ClassificationMethod::EqualInterval,
                                             ClassificationMethod::NaturalBreaks, ClassificationMethod::Fixed};

bool hasFiniteValue(const std::vector<double>& values) {
  return std::any_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); });
}

}  // namespace

QString StyleDialog::methodLabel(ClassificationMethod method) {
  switch (method) {
    case ClassificationMethod::Quantile: return tr("Quantile (equal count)");
    case ClassificationMethod::EqualInterval: return tr("Equal interval");
    case ClassificationMethod::NaturalBreaks: return tr("Natural breaks (Jenks)");
    case ClassificationMethod::Fixed: return tr("Fixed breaks");
  }
  return {};
}

std::variant<std::vector<double>, QString> StyleDialog::parseFixedBreaks(const QString& text) {
  static const QRegularExpression separators(QStringLiteral("[,;\u3001\uff0c]"));
  const QString trimmed = text.trimmed();
  if (trimmed.isEmpty()) return tr("Enter at least two break values separated by commas, e.g. 0, 100, 500.");
  const QStringList parts = trimmed.split(separators);
  std::vector<double> edges;
  for (int i = 0; i < parts.size(); ++i) {
    const QString part = parts[i].trimmed();
    if (part.isEmpty()) return tr("Value %1 is empty: remove the extra comma.").arg(i + 1);
    bool ok = false;
    const double v = QLocale::c().toDouble(part, &ok);
    if (!ok || !std::isfinite(v)) return tr("Value %1 (“%2”) is not a number.").arg(i + 1).arg(part);
    if (!edges.empty() && v <= edges.back())
      return tr("Value %1 (%2) must be greater than value %3 (%4): breaks must be strictly ascending.")
          .arg(i + 1)
          .arg(part)
          .arg(i)
          .arg(parts[i - 1].trimmed());
    edges.push_back(v);
  }
  if (edges.size() < 2) return tr("Enter at least two break values (the lower and upper bound of one class).");
  if (edges.size() > kMaxClasses + 1)
    return tr("At most %1 break values (%2 classes); %3 were given.").arg(kMaxClasses + 1).arg(kMaxClasses).arg(edges.size());
  return edges;
}

QString StyleDialog::formatBreaks(const std::vector<double>& edges) {
  QStringList parts;
  for (double e : edges) parts.append(QString::number(e, 'g', 12));
  return parts.join(QStringLiteral(", "));
}

StyleDialog::StyleDialog(std::shared_ptr<const render::MapLayer> layer, std::vector<double> sampleValues,
                         std::optional<GraduatedChoice> initial, QWidget* parent)
    : QDialog(parent), m_layer(std::move(layer)), m_values(std::move(sampleValues)) {
  setWindowTitle(tr("Style: %1").arg(m_layer ? m_layer->name() : QString()));
  setObjectName(QStringLiteral("StyleDialog"));
  if (m_layer) m_base = graduatedStyleOf(*m_layer);
  if (m_base) m_preview = *m_base;

  auto* layout = new QVBoxLayout(this);
  auto* form = new QFormLayout;
  layout->addLayout(form);
  const GraduatedChoice start = initialChoice(initial);
  if (m_base) buildGraduatedControls(form, start);
  if (const auto* heat = dynamic_cast<const render::HeatmapLayer*>(m_layer.get())) {
    m_radius = new QSpinBox(this);
    m_radius->setObjectName(QStringLiteral("heatmapRadius"));
    m_radius->setRange(25, 5000);
    m_radius->setSingleStep(25);
    m_radius->setSuffix(tr(" m"));
    m_radius->setValue(static_cast<int>(std::lround(heat->style().radiusM)));
    m_radius->setToolTip(tr("Kernel radius on the ground: each point spreads its weight over this distance "
                            "(quartic kernel, as in QGIS)"));
    form->addRow(tr("Radius:"), m_radius);
  }

  m_opacity = new QSlider(Qt::Horizontal, this);
  m_opacity->setObjectName(QStringLiteral("opacity"));
  m_opacity->setRange(0, 100);
  m_opacityLabel = new QLabel(this);
  m_opacityLabel->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("100 %")) + 4);
  auto* opacityRow = new QHBoxLayout;
  opacityRow->addWidget(m_opacity, 1);
  opacityRow->addWidget(m_opacityLabel);
  form->addRow(tr("Opacity:"), opacityRow);
  m_opacity->setValue(static_cast<int>(std::lround(start.opacity * 100)));
  m_opacityLabel->setText(tr("%1 %").arg(m_opacity->value()));
  connect(m_opacity, &QSlider::valueChanged, this, [this](int v) {
    m_opacityLabel->setText(tr("%1 %").arg(v));
    updatePreview();
  });

  if (m_base) {
    m_sampleInfo = new QLabel(this);
    m_sampleInfo->setWordWrap(true);
    layout->addWidget(m_sampleInfo);
    m_previewList = new QTreeWidget(this);
    m_previewList->setObjectName(QStringLiteral("preview"));
    m_previewList->setRootIsDecorated(false);
    m_previewList->setSelectionMode(QAbstractItemView::NoSelection);
    m_previewList->setHeaderLabels({tr("Class"), tr("Values in sample")});
    m_previewList->header()->setStretchLastSection(false);
    m_previewList->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_previewList->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_previewList->setIconSize(QSize(28, 14));
    m_previewList->setMinimumHeight(220);
    layout->addWidget(m_previewList, 1);
  } else {
    auto* note = new QLabel(m_radius ? tr("The colour scale is fixed over the whole period, so colours compare between hours.")
                                     : tr("This layer has no classes to edit; only its opacity can be changed."),
                            this);
    note->setWordWrap(true);
    layout->addWidget(note);
  }

  m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(m_buttons);
  updatePreview();
  resize(440, m_base ? 560 : 160);
}

GraduatedChoice StyleDialog::initialChoice(const std::optional<GraduatedChoice>& initial) const {
  if (initial) return *initial;
  GraduatedChoice c;
  c.opacity = m_layer ? m_layer->opacity() : 1.0;
  if (!m_base) return c;
  c.edges = m_base->breaks.edges();
  c.classes = std::clamp(m_base->classCount(), kMinClasses, kMaxClasses);
  const auto [name, reversed] = splitRampName(m_base->ramp.name());
  c.rampName = name;
  c.reversed = reversed;
  c.method = hasFiniteValue(m_values) ? ClassificationMethod::Quantile : ClassificationMethod::Fixed;
  return c;
}

void StyleDialog::buildGraduatedControls(QFormLayout* form, const GraduatedChoice& start) {
  m_method = new QComboBox(this);
  m_method->setObjectName(QStringLiteral("method"));
  for (ClassificationMethod m : kMethods) m_method->addItem(methodLabel(m), static_cast<int>(m));
  m_method->setCurrentIndex(std::max(0, m_method->findData(static_cast<int>(start.method))));
  form->addRow(tr("Classification:"), m_method);

  m_classes = new QSpinBox(this);
  m_classes->setObjectName(QStringLiteral("classes"));
  m_classes->setRange(kMinClasses, kMaxClasses);
  m_classes->setValue(std::clamp(start.classes, kMinClasses, kMaxClasses));
  form->addRow(tr("Classes:"), m_classes);

  m_fixedBreaks = new QLineEdit(this);
  m_fixedBreaks->setObjectName(QStringLiteral("fixedBreaks"));
  m_fixedBreaks->setPlaceholderText(tr("e.g. 0, 100, 250, 500, 1000"));
  m_fixedBreaks->setToolTip(tr("Class edges, lowest first, separated by commas: n + 1 values give n classes."));
  m_fixedBreaks->setText(formatBreaks(start.edges));
  form->addRow(tr("Breaks:"), m_fixedBreaks);
  m_breaksError = new QLabel(this);
  m_breaksError->setObjectName(QStringLiteral("breaksError"));
  m_breaksError->setWordWrap(true);
  m_breaksError->setStyleSheet(QStringLiteral("color: #b00020;"));
  m_breaksError->hide();
  form->addRow(QString(), m_breaksError);

  m_ramp = new QComboBox(this);
  m_ramp->setObjectName(QStringLiteral("ramp"));
  m_ramp->setIconSize(QSize(96, 14));
  for (const QString& name : render::ColourRamp::names())
    m_ramp->addItem(QIcon(rampPixmap(render::ColourRamp::named(name), QSize(96, 14))), name, name);
  m_ramp->setCurrentIndex(std::max(0, m_ramp->findData(start.rampName)));
  form->addRow(tr("Colour ramp:"), m_ramp);
  m_reverse = new QCheckBox(tr("Reverse ramp"), this);
  m_reverse->setObjectName(QStringLiteral("reverseRamp"));
  m_reverse->setChecked(start.reversed);
  form->addRow(QString(), m_reverse);

  connect(m_method, &QComboBox::currentIndexChanged, this, [this] { updatePreview(); });
  connect(m_classes, &QSpinBox::valueChanged, this, [this] { updatePreview(); });
  connect(m_fixedBreaks, &QLineEdit::textEdited, this, [this] {
    if (method() != ClassificationMethod::Fixed) setMethod(ClassificationMethod::Fixed);
    updatePreview();
  });
  connect(m_ramp, &QComboBox::currentIndexChanged, this, [this] { updatePreview(); });
  connect(m_reverse, &QCheckBox::toggled, this, [this] { updatePreview(); });
}

void StyleDialog::setMethod(ClassificationMethod m) {
  if (m_method) m_method->setCurrentIndex(std::max(0, m_method->findData(static_cast<int>(m))));
}

ClassificationMethod StyleDialog::method() const {
  return m_method ? static_cast<ClassificationMethod>(m_method->currentData().toInt()) : ClassificationMethod::Fixed;
}

void StyleDialog::setClassCount(int classes) {
  if (m_classes) m_classes->setValue(classes);
}

void StyleDialog::setFixedBreaksText(const QString& text) {
  if (!m_fixedBreaks) return;
  setMethod(ClassificationMethod::Fixed);
  m_fixedBreaks->setText(text);
  updatePreview();
}

void StyleDialog::setRampName(const QString& name) {
  if (m_ramp) m_ramp->setCurrentIndex(std::max(0, m_ramp->findData(name)));
}

void StyleDialog::setRampReversed(bool reversed) {
  if (m_reverse) m_reverse->setChecked(reversed);
}

void StyleDialog::setOpacityPercent(int percent) { m_opacity->setValue(percent); }

double StyleDialog::opacity() const { return m_opacity->value() / 100.0; }

std::optional<GraduatedChoice> StyleDialog::choice() const {
  if (!m_base || !isValid()) return std::nullopt;
  GraduatedChoice c;
  c.method = method();
  c.classes = m_classes->value();
  c.edges = m_preview.breaks.edges();
  c.rampName = m_ramp->currentData().toString();
  c.reversed = m_reverse->isChecked();
  c.opacity = opacity();
  return c;
}

std::shared_ptr<const render::MapLayer> StyleDialog::styledLayer() const {
  if (!m_layer || !isValid()) return nullptr;
  if (m_base) return withGraduatedStyle(*m_layer, m_preview);
  if (const auto* heat = dynamic_cast<const render::HeatmapLayer*>(m_layer.get()); heat && m_radius) {
    auto copy = std::make_shared<render::HeatmapLayer>(*heat);
    copy->setStyle(heat->style().withRadius(m_radius->value()));
    copy->setOpacity(opacity());
    return copy;
  }
  return withOpacity(m_layer, opacity());
}

void StyleDialog::setHeatmapRadius(int metres) {
  if (m_radius) m_radius->setValue(metres);
}

void StyleDialog::updatePreview() {
  m_error.clear();
  m_note.clear();
  if (m_base) {
    const ClassificationMethod m = method();
    const bool fixed = m == ClassificationMethod::Fixed;
    m_classes->setEnabled(!fixed);
    render::ClassBreaks breaks;
    if (fixed) {
      const auto parsed = parseFixedBreaks(m_fixedBreaks->text());
      if (const auto* error = std::get_if<QString>(&parsed))
        m_error = *error;
      else
        breaks = render::ClassBreaks(std::get<std::vector<double>>(parsed));
    } else if (!hasFiniteValue(m_values)) {
      m_error = tr("There are no values to classify; choose fixed breaks.");
    } else {
      breaks = render::ClassBreaks::compute(m_values, m_classes->value(), m);
      m_fixedBreaks->setText(formatBreaks(breaks.edges()));
      if (breaks.classCount() < m_classes->value())
        m_note = tr("Only %1 classes: many values are equal, so some breaks coincide.").arg(breaks.classCount());
    }
    if (m_error.isEmpty()) {
      GraduatedChoice c;
      c.rampName = m_ramp->currentData().toString();
      c.reversed = m_reverse->isChecked();
      m_preview.breaks = breaks;
      m_preview.ramp = c.ramp();
      m_preview.opacity = opacity();
    }
    m_breaksError->setText(m_error);
    m_breaksError->setVisible(!m_error.isEmpty());
    fillPreviewList();
  }
  if (m_buttons) m_buttons->button(QDialogButtonBox::Ok)->setEnabled(isValid());
}

void StyleDialog::fillPreviewList() {
  const render::LegendGroup legend = render::Legend::forGraduatedStyle(m_layer->name(), m_preview);
  std::vector<std::size_t> counts(m_preview.classCount(), 0);
  std::size_t missing = 0;
  for (double v : m_values) {
    const int i = m_preview.breaks.classIndex(v);
    if (i < 0)
      ++missing;
    else
      ++counts[i];
  }
  const QLocale locale;
  m_previewList->clear();
  int rangeIndex = 0;
  for (const render::LegendItem& item : legend.items) {
    auto* row = new QTreeWidgetItem(m_previewList);
    row->setText(0, item.label);
    const bool isRange = item.kind == render::LegendItem::Kind::Range;
    row->setIcon(0, QIcon(isRange ? swatchPixmap({item.colour}, QSize(28, 14))
                                  : missingPixmap(item.colour, m_preview.missingHatch, QSize(28, 14))));
    const std::size_t n = isRange ? counts.at(rangeIndex++) : missing;
    row->setText(1, locale.toString(static_cast<qulonglong>(n)));
    row->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
    row->setData(0, Qt::UserRole, item.colour);
  }
  QString info = m_values.empty() ? tr("No sample values: class counts are not available.")
                                  : tr("%1 sample values (%2 missing).")
                                        .arg(locale.toString(static_cast<qulonglong>(m_values.size())),
                                             locale.toString(static_cast<qulonglong>(missing)));
  if (!m_error.isEmpty()) info = tr("The preview shows the last valid classes.") + QLatin1Char(' ') + info;
  if (!m_note.isEmpty()) info += QLatin1Char(' ') + m_note;
  m_sampleInfo->setText(info);
}

}  // namespace ekm::widgets
