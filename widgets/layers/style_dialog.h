#pragma once
// The style of one layer. Graduated layers (mesh population): classification method
// (quantile, equal interval, natural breaks / Jenks, fixed breaks), number of classes, the
// fixed breaks (comma-separated, checked as typed), colour ramp (with a preview of each) and
// its direction, opacity, and a live preview of the classes exactly as the legend will show
// them. Other layers: opacity only. Non-blocking: open() it and read the result on accepted().
#include <QDialog>
#include <QString>
#include <memory>
#include <optional>
#include <variant>
#include <vector>

#include "layers/graduated_choice.h"
#include "render/classification.h"
#include "render/map_layer.h"

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSlider;
class QSpinBox;
class QTreeWidget;

namespace ekm::widgets {

class StyleDialog : public QDialog {
  Q_OBJECT

 public:
  static constexpr int kMinClasses = 3;
  static constexpr int kMaxClasses = 10;

  // sampleValues: the values the breaks are computed from (the layer's values at the current
  // hour or a sample over the project's period; NaN = missing). initial: the choice last made
  // for this layer, else one is derived from the layer's current style.
  StyleDialog(std::shared_ptr<const render::MapLayer> layer, std::vector<double> sampleValues,
              std::optional<GraduatedChoice> initial = std::nullopt, QWidget* parent = nullptr);

  bool isGraduated() const { return m_base.has_value(); }
  // Controls (also for tests).
  void setMethod(render::ClassificationMethod method);
  render::ClassificationMethod method() const;
  void setClassCount(int classes);
  void setFixedBreaksText(const QString& text);
  void setRampName(const QString& name);
  void setRampReversed(bool reversed);
  void setOpacityPercent(int percent);
  // Heatmap layers: the kernel radius in metres (ignored for other layers).
  bool isHeatmap() const { return m_radius != nullptr; }
  void setHeatmapRadius(int metres);

  // Whether the current input gives a style (OK is enabled), and why not.
  bool isValid() const { return m_error.isEmpty(); }
  QString errorText() const { return m_error; }
  // The style the preview shows (graduated layers; the layer's style while input is invalid).
  const render::GraduatedStyle& previewStyle() const { return m_preview; }
  std::optional<GraduatedChoice> choice() const;
  double opacity() const;
  // A new snapshot of the layer with the chosen style, or null when input is invalid.
  std::shared_ptr<const render::MapLayer> styledLayer() const;

  // Parses comma-separated break values (also "、" "，" ";"), at least 2 and at most
  // kMaxClasses + 1, strictly ascending; an error text saying which value is wrong otherwise.
  static std::variant<std::vector<double>, QString> parseFixedBreaks(const QString& text);
  static QString formatBreaks(const std::vector<double>& edges);
  static QString methodLabel(render::ClassificationMethod method);

 private:
  void buildGraduatedControls(QFormLayout* form, const GraduatedChoice& initial);
  GraduatedChoice initialChoice(const std::optional<GraduatedChoice>& initial) const;
  void updatePreview();
  void fillPreviewList();

  std::shared_ptr<const render::MapLayer> m_layer;
  QSpinBox* m_radius = nullptr;  // heatmap layers only
  std::vector<double> m_values;
  std::optional<render::GraduatedStyle> m_base;
  render::GraduatedStyle m_preview;
  QString m_error;
  QString m_note;

  QComboBox* m_method = nullptr;
  QSpinBox* m_classes = nullptr;
  QLineEdit* m_fixedBreaks = nullptr;
  QLabel* m_breaksError = nullptr;
  QComboBox* m_ramp = nullptr;
  QCheckBox* m_reverse = nullptr;
  QSlider* m_opacity = nullptr;
  QLabel* m_opacityLabel = nullptr;
  QTreeWidget* m_previewList = nullptr;
  QLabel* m_sampleInfo = nullptr;
  QDialogButtonBox* m_buttons = nullptr;
};

}  // namespace ekm::widgets
