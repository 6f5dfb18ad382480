<?cs # request_parts.cs: what the pages of requests share — the badge of a request's state (overdue, due soon, handled, refused), a field's message (the requests' own, else the common one), a text area and a date that keep the input ?>
<?cs def:request_state(q) ?><?cs if:q.State == "open" ?><?cs if:q.Overdue ?><span class="badge badge-error"><?cs var:Lang.Privacy.Requests.Overdue ?></span><?cs elif:q.Soon ?><span class="badge badge-warn"><?cs var:Lang.Privacy.Requests.Soon ?></span><?cs else ?><span class="badge badge-neutral"><?cs var:Lang.Privacy.Requests.States.open ?></span><?cs /if ?><?cs elif:q.State == "done" ?><span class="badge badge-ok"><?cs var:Lang.Privacy.Requests.States.done ?></span><?cs else ?><span class="badge badge-neutral"><?cs var:Lang.Privacy.Requests.States.refused ?></span><?cs /if ?><?cs /def ?>
<?cs def:request_due(q) ?><?cs if:q.State == "open" && q.Overdue ?><strong><?cs var:q.Due ?></strong><?cs else ?><?cs var:q.Due ?><?cs /if ?><?cs if:q.Extended ?> <span class="badge badge-neutral"><?cs var:Lang.Privacy.Requests.Extended ?></span><?cs /if ?><?cs /def ?>
<?cs def:request_err(field) ?><?cs if:Page.Errors[field] ?><p class="field-error" id="e-<?cs var:field ?>"><?cs if:Lang.Privacy.Requests.Errors[Page.Errors[field]] ?><?cs var:Lang.Privacy.Requests.Errors[Page.Errors[field]] ?><?cs else ?><?cs var:Lang.Errors[Page.Errors[field]] ?><?cs /if ?></p><?cs /if ?><?cs /def ?>
<?cs def:request_textarea(field, label, max) ?>
<div class="field<?cs if:Page.Errors[field] ?> has-error<?cs /if ?>">
  <label for="f-<?cs var:field ?>"><?cs var:label ?></label>
  <textarea id="f-<?cs var:field ?>" name="<?cs var:field ?>" rows="4" maxlength="<?cs var:max ?>"<?cs if:Page.Errors[field] ?> aria-invalid="true" aria-describedby="e-<?cs var:field ?>"<?cs /if ?>><?cs var:Page.Form[field] ?></textarea>
  <?cs call:request_err(field) ?>
</div>
<?cs /def ?>
<?cs def:request_date(field, label, default) ?>
<div class="field<?cs if:Page.Errors[field] ?> has-error<?cs /if ?>">
  <label for="f-<?cs var:field ?>"><?cs var:label ?></label>
  <input id="f-<?cs var:field ?>" name="<?cs var:field ?>" type="date" autocomplete="off" value="<?cs if:?Page.Form[field] ?><?cs var:Page.Form[field] ?><?cs else ?><?cs var:default ?><?cs /if ?>"<?cs if:Page.Errors[field] ?> aria-invalid="true" aria-describedby="e-<?cs var:field ?>"<?cs /if ?>>
  <?cs call:request_err(field) ?>
</div>
<?cs /def ?>
<?cs # A select of the kinds of request, with its own markup: a person's page gathers the sections of several templates, and a macro is defined once. ?>
<?cs def:request_kinds(field, label) ?>
<div class="field<?cs if:Page.Errors[field] ?> has-error<?cs /if ?>">
  <label for="f-<?cs var:field ?>"><?cs var:label ?></label>
  <select id="f-<?cs var:field ?>" name="<?cs var:field ?>"<?cs if:Page.Errors[field] ?> aria-invalid="true" aria-describedby="e-<?cs var:field ?>"<?cs /if ?>>
    <?cs each:k = Lang.Privacy.Requests.Kinds ?><option value="<?cs var:name(k) ?>"<?cs if:name(k) == Page.Form[field] ?> selected<?cs /if ?>><?cs var:k ?></option><?cs /each ?>
  </select>
  <?cs call:request_err(field) ?>
</div>
<?cs /def ?>
