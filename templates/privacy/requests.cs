<?cs # requests.cs: the queue of requests of data subjects — open ones first, the soonest due on top, overdue marked; filters by state and kind ?>
<?cs include:"partials/form.cs" ?>
<?cs include:"admin/select.cs" ?>
<?cs include:"privacy/request_parts.cs" ?>
<?cs def:title() ?><?cs var:Lang.Privacy.Requests.Title ?> · <?cs var:Lang.Privacy.Title ?><?cs /def ?>
<?cs def:content() ?>
<div class="page-head"><h1><?cs var:Lang.Privacy.Requests.Title ?></h1></div>
<p class="muted"><?cs var:Lang.Privacy.Requests.Intro ?></p>
<?cs call:form_summary() ?>
<form method="get" action="<?cs var:Page.Prefix ?>/privacy/requests" class="toolbar" role="search">
  <?cs call:select_open("state", Lang.Privacy.Requests.State) ?>
    <option value=""><?cs var:Lang.Admin.Any ?></option>
    <?cs each:s = Lang.Privacy.Requests.Filters ?><?cs call:option(name(s), s, Page.Form.state) ?><?cs /each ?>
  <?cs call:select_close("state") ?>
  <?cs call:select_open("kind", Lang.Privacy.Requests.Kind) ?>
    <option value=""><?cs var:Lang.Admin.Any ?></option>
    <?cs each:k = Lang.Privacy.Requests.Kinds ?><?cs call:option(name(k), k, Page.Form.kind) ?><?cs /each ?>
  <?cs call:select_close("kind") ?>
  <button type="submit" class="btn"><?cs var:Lang.Admin.Filter ?></button>
  <a href="<?cs var:Page.Prefix ?>/privacy/requests"><?cs var:Lang.Admin.Reset ?></a>
</form>
<?cs if:subcount(Page.Rows) > 0 ?>
<p class="muted small"><?cs var:Lang.Admin.Found ?> <?cs var:Page.Pager.Total ?></p>
<div class="table-wrap" tabindex="0"><table class="data requests">
  <caption class="visually-hidden"><?cs var:Lang.Privacy.Requests.Title ?></caption>
  <thead><tr><th scope="col"><?cs var:Lang.Privacy.Requests.No ?></th><th scope="col"><?cs var:Lang.Privacy.Requests.Person ?></th><th scope="col"><?cs var:Lang.Privacy.Requests.Kind ?></th><th scope="col"><?cs var:Lang.Privacy.Requests.Received ?></th><th scope="col"><?cs var:Lang.Privacy.Requests.Due ?></th><th scope="col"><?cs var:Lang.Privacy.Requests.State ?></th><th scope="col"><?cs var:Lang.Privacy.Requests.Channel ?></th></tr></thead>
  <tbody>
  <?cs each:q = Page.Rows ?>
  <tr data-request="<?cs var:q.Id ?>"><th scope="row"><a href="<?cs var:Page.Prefix ?>/privacy/requests/<?cs var:q.Id ?>"><?cs var:q.Id ?></a></th>
    <td><a href="<?cs var:Page.Prefix ?><?cs var:q.PersonPath ?>"><?cs var:q.Person ?></a></td>
    <td><a href="<?cs var:Page.Prefix ?>/privacy/requests/<?cs var:q.Id ?>"><?cs var:Lang.Privacy.Requests.Kinds[q.Kind] ?></a></td>
    <td class="nowrap"><?cs var:q.Received ?></td>
    <td class="nowrap"><?cs call:request_due(q) ?></td>
    <td class="nowrap"><?cs call:request_state(q) ?><?cs if:q.Closed ?> <span class="muted small"><?cs var:q.Closed ?></span><?cs /if ?></td>
    <td><?cs var:Lang.Privacy.Requests.Channels[q.Channel] ?></td></tr>
  <?cs /each ?>
  </tbody>
</table></div>
<?cs call:pager() ?>
<?cs else ?><div class="panel"><p class="muted"><?cs var:Lang.Privacy.Requests.None ?></p></div><?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
