<?cs # consent.cs: the public page of a consent link — the text to agree to and the dates, the thanks once agreed, or that the link is no longer valid ?>
<?cs include:"partials/form.cs" ?>
<?cs def:title() ?><?cs var:Lang.Privacy.Retention.ConsentTitle ?><?cs /def ?>
<?cs def:content() ?>
<section class="panel panel-narrow">
  <h1><?cs var:Lang.Privacy.Retention.ConsentTitle ?></h1>
  <?cs if:Page.Consent.Gone ?>
  <p><?cs var:Lang.Privacy.Retention.Gone ?></p>
  <p><a href="<?cs var:Page.Prefix ?>/privacy/statement"><?cs var:Lang.Privacy.Statement.Title ?></a></p>
  <?cs elif:Page.Consent.Done ?>
  <div class="alert alert-success" role="status"><?cs var:Lang.Privacy.Retention.Thanks ?> <?cs var:Page.Consent.Extended ?>.</div>
  <p><a href="<?cs var:Page.Prefix ?>/privacy/statement"><?cs var:Lang.Privacy.Statement.Title ?></a></p>
  <?cs else ?>
  <?cs call:form_summary() ?>
  <p><?cs var:Lang.Privacy.Retention.Dear ?> <?cs var:Page.Consent.Name ?>,</p>
  <p><?cs var:Page.Consent.Controller ?> <?cs var:Lang.Privacy.Retention.Keeps ?> <strong><?cs var:Page.Consent.Until ?></strong>.</p>
  <blockquote class="panel"><?cs var:Page.Consent.Text ?> (<?cs var:Lang.Privacy.Retention.KeepTo ?> <strong><?cs var:Page.Consent.Extended ?></strong>)</blockquote>
  <form method="post" action="<?cs var:Page.Prefix ?>/privacy/consent/<?cs var:Page.Consent.Token ?>" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <div class="field field-check<?cs if:Page.Errors.agree ?> has-error<?cs /if ?>">
      <label for="f-agree"><input type="checkbox" id="f-agree" name="agree" value="1" required<?cs if:Page.Errors.agree ?> aria-invalid="true" aria-describedby="e-agree"<?cs /if ?>> <?cs var:Lang.Privacy.Retention.Agree ?></label>
      <?cs if:Page.Errors.agree ?><p class="field-error" id="e-agree"><?cs var:Lang.Errors[Page.Errors.agree] ?></p><?cs /if ?>
    </div>
    <div class="actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.Privacy.Retention.Give ?></button></div>
  </form>
  <p class="muted small"><?cs var:Lang.Privacy.Retention.Otherwise ?> <?cs var:Page.Consent.Until ?>. <a href="<?cs var:Page.Prefix ?>/privacy/statement"><?cs var:Lang.Privacy.Statement.Title ?></a></p>
  <?cs /if ?>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
