<?cs # persons.cs: the people the portal keeps data about — search by name or address, by kind, or those whose retention ends within the lead time ?>
<?cs include:"partials/form.cs" ?>
<?cs include:"admin/select.cs" ?>
<?cs def:title() ?><?cs var:Lang.Privacy.Persons.Title ?><?cs /def ?>
<?cs def:content() ?>
<div class="page-head"><h1><?cs var:Lang.Privacy.Persons.Title ?></h1></div>
<?cs call:form_summary() ?>
<form method="get" action="<?cs var:Page.Prefix ?>/privacy/persons" class="toolbar" role="search">
  <?cs call:field("q", Lang.Privacy.Persons.Search, "search", "off", 1) ?>
  <?cs call:select_open("kind", Lang.Privacy.Persons.Kind) ?>
    <option value=""><?cs var:Lang.Admin.Any ?></option>
    <?cs each:k = Lang.Privacy.Kind ?><?cs call:option(name(k), k, Page.Form.kind) ?><?cs /each ?>
  <?cs call:select_close("kind") ?>
  <div class="field field-check"><label for="f-due"><input type="checkbox" id="f-due" name="due" value="1"<?cs if:Page.Form.due ?> checked<?cs /if ?>> <?cs var:Lang.Privacy.Persons.Due ?> (<?cs var:Page.LeadDays ?> <?cs var:Lang.Privacy.Persons.Days ?>)</label></div>
  <button type="submit" class="btn"><?cs var:Lang.Admin.Filter ?></button>
  <a href="<?cs var:Page.Prefix ?>/privacy/persons"><?cs var:Lang.Admin.Reset ?></a>
</form>
<?cs if:subcount(Page.Persons) > 0 ?>
<p class="muted small"><?cs var:Lang.Admin.Found ?> <?cs var:Page.Pager.Total ?></p>
<div class="table-wrap" tabindex="0"><table class="data">
  <caption class="visually-hidden"><?cs var:Lang.Privacy.Persons.Title ?></caption>
  <thead><tr><th scope="col"><?cs var:Lang.Privacy.Persons.Name ?></th><th scope="col"><?cs var:Lang.Privacy.Persons.Email ?></th><th scope="col"><?cs var:Lang.Privacy.Persons.Kind ?></th><th scope="col"><?cs var:Lang.Privacy.Persons.Client ?></th><th scope="col"><?cs var:Lang.Privacy.Persons.KeepUntil ?></th></tr></thead>
  <tbody>
  <?cs each:p = Page.Persons ?>
  <tr><th scope="row"><a href="<?cs var:Page.Prefix ?><?cs var:p.Path ?>"><?cs if:p.Name ?><?cs var:p.Name ?><?cs else ?><?cs var:Lang.Vacancies.Cand.Anonymous ?><?cs var:p.Id ?><?cs /if ?></a></th><td class="wrap"><?cs var:p.Email ?></td><td><?cs var:Lang.Privacy.Kind[p.Kind] ?></td><td><?cs var:p.Client ?></td>
    <td class="nowrap"><?cs if:p.Erased ?><span class="badge badge-neutral"><?cs var:Lang.Privacy.Persons.Erased ?></span><?cs else ?><?cs var:p.KeepUntil ?><?cs if:p.Overdue ?> <span class="badge badge-error"><?cs var:Lang.Privacy.Persons.Overdue ?></span><?cs /if ?><?cs /if ?></td></tr>
  <?cs /each ?>
  </tbody>
</table></div>
<?cs call:pager() ?>
<?cs else ?><div class="panel"><p class="muted"><?cs var:Lang.Privacy.Persons.None ?></p></div><?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
