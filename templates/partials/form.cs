<?cs # form.cs: form pieces. A field shows its label, the user's input
     (Page.Form.<name>) and, when refused, the message (Page.Errors.<name>). ?>
<?cs def:field(name, label, type, autocomplete, keep) ?>
<div class="field<?cs if:Page.Errors[name] ?> has-error<?cs /if ?>">
  <label for="f-<?cs var:name ?>"><?cs var:label ?></label>
  <input id="f-<?cs var:name ?>" name="<?cs var:name ?>" type="<?cs var:type ?>" autocomplete="<?cs var:autocomplete ?>"<?cs if:keep ?> value="<?cs var:Page.Form[name] ?>"<?cs /if ?><?cs if:Page.Errors[name] ?> aria-invalid="true" aria-describedby="e-<?cs var:name ?>"<?cs /if ?>>
  <?cs if:Page.Errors[name] ?><p class="field-error" id="e-<?cs var:name ?>"><?cs var:Lang.Errors[Page.Errors[name]] ?></p><?cs /if ?>
</div>
<?cs /def ?>
<?cs def:form_summary() ?>
<?cs if:subcount(Page.Errors) > 0 ?><div class="alert alert-error" role="alert"><?cs var:Lang.Errors.Summary ?></div><?cs /if ?>
<?cs /def ?>
