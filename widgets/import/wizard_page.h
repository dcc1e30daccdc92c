#pragma once
// A QWizardPage whose completeness and set-up are supplied by its wizard (the import wizard
// keeps the state; its pages are views of it). validatePage() requires completeness, so a
// programmatic QWizard::next() cannot skip an unfinished page.
#include <QWizardPage>
#include <functional>

namespace ekm::widgets {

class WizardPage : public QWizardPage {
  Q_OBJECT

 public:
  using QWizardPage::QWizardPage;

  std::function<bool()> complete;
  std::function<void()> enter;  // initializePage (Next into this page)
  std::function<void()> leave;  // cleanupPage (Back out of this page)

  bool isComplete() const override { return complete ? complete() : true; }
  bool validatePage() override { return isComplete(); }
  void initializePage() override {
    if (enter) enter();
  }
  void cleanupPage() override {
    if (leave) leave();
  }
  // Re-evaluates completeness (enables or disables Next/Finish).
  void changed() { emit completeChanged(); }
};

}  // namespace ekm::widgets
