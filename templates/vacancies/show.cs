<?cs # show.cs: one vacancy — its head, its body (board.cs, rendered and kept apart: Page.Body: fields, candidates, time in each state) and its state changes ?>
<?cs def:title() ?><?cs var:Page.Vacancy.Title ?><?cs /def ?>
<?cs def:content() ?>
<div class="page-head"><h1><?cs var:Page.Vacancy.Title ?></h1>
  <span class="badge state-<?cs var:Page.Vacancy.State ?>"><?cs var:Lang.Vacancies.States[Page.Vacancy.State] ?></span>
  <?cs if:Page.MayEdit && Page.Vacancy.State != "closed" ?><a class="btn" href="<?cs var:Page.Prefix ?>/vacancies/<?cs var:Page.Vacancy.Id ?>/edit"><?cs var:Lang.Vacancies.Edit ?></a><?cs /if ?></div>
<?cs if:Page.Done ?><div class="alert alert-success" role="status"><?cs var:Lang.Vacancies.Done[Page.Done] ?></div><?cs /if ?>
<?cs if:Page.StateError ?><div class="alert alert-error" role="alert"><?cs var:Lang.Vacancies.StateErrors[Page.StateError] ?></div><?cs /if ?>
<?cs # Page.Body is HTML that board.cs rendered with this page's escaping (view_render_part in show.c, kept per process), never a value a user sent: printed as it is. ?>
<?cs uvar:Page.Body ?>
<?cs if:Page.MayEdit && subcount(Page.Next) > 0 ?>
<section class="panel">
<h2><?cs var:Lang.Vacancies.ChangeState ?></h2>
<?cs each:s = Page.Next ?><?cs if:s != "closed" ?>
<form method="post" action="<?cs var:Page.Prefix ?>/vacancies/<?cs var:Page.Vacancy.Id ?>/state" class="inline">
  <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <input type="hidden" name="to" value="<?cs var:s ?>">
  <button type="submit" class="btn"><?cs var:Lang.Vacancies.To[s] ?></button>
</form>
<?cs /if ?><?cs /each ?>
<?cs each:s = Page.Next ?><?cs if:s == "closed" ?>
<form method="post" action="<?cs var:Page.Prefix ?>/vacancies/<?cs var:Page.Vacancy.Id ?>/state" novalidate>
  <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <input type="hidden" name="to" value="closed">
  <div class="field<?cs if:Page.Errors.reason ?> has-error<?cs /if ?>"><label for="f-reason"><?cs var:Lang.Vacancies.CloseReasonLabel ?></label>
    <select id="f-reason" name="reason"<?cs if:Page.Errors.reason ?> aria-invalid="true" aria-describedby="e-reason"<?cs /if ?>><option value=""><?cs var:Lang.Vacancies.Choose ?></option>
    <?cs each:c = Page.CloseReasons ?><option value="<?cs var:c ?>"<?cs if:c == Page.Form.reason ?> selected<?cs /if ?>><?cs var:Lang.Vacancies.CloseReason[c] ?></option><?cs /each ?></select>
    <?cs if:Page.Errors.reason ?><p class="field-error" id="e-reason"><?cs var:Lang.Errors[Page.Errors.reason] ?></p><?cs /if ?></div>
  <div class="field<?cs if:Page.Errors.note ?> has-error<?cs /if ?>"><label for="f-note"><?cs var:Lang.Vacancies.Note ?></label>
    <input id="f-note" name="note" type="text" autocomplete="off" value="<?cs var:Page.Form.note ?>"<?cs if:Page.Errors.note ?> aria-invalid="true" aria-describedby="e-note"<?cs /if ?>>
    <?cs if:Page.Errors.note ?><p class="field-error" id="e-note"><?cs var:Lang.Errors[Page.Errors.note] ?></p><?cs /if ?></div>
  <div class="actions"><button type="submit" class="btn btn-danger"><?cs var:Lang.Vacancies.To.closed ?></button></div>
</form>
<?cs /if ?><?cs /each ?>
</section>
<?cs /if ?>
<p><a href="<?cs var:Page.Prefix ?>/vacancies/"><?cs var:Lang.Vacancies.Back ?></a></p>
<?cs /def ?>
<?cs include:"layout.cs" ?>
