<?cs # person_requests.cs: the requests section of a person's page (person.cs, me.cs) — for the privacy officer the person's requests and the form to record one; on his own page his requests with their state, due date and answer, and the form to file one ?>
<?cs include:"privacy/request_parts.cs" ?>
<section class="panel" id="requests" aria-labelledby="requests-h">
<?cs if:Page.Subject.Self ?>
  <h2 id="requests-h"><?cs var:Lang.Privacy.Requests.Mine.Title ?></h2>
  <?cs if:Page.Requests.Refused ?><div class="alert alert-error" role="alert"><?cs var:Lang.Privacy.Requests.Refused[Page.Requests.Refused] ?></div><?cs /if ?>
  <p><?cs var:Lang.Privacy.Requests.Mine.Intro ?> <?cs var:Page.Requests.Months ?> <?cs var:Lang.Privacy.Requests.Mine.IntroMonths ?></p>
  <?cs if:subcount(Page.Requests.Rows) > 0 ?>
  <ul class="thread my-requests">
    <?cs each:q = Page.Requests.Rows ?>
    <li data-request="<?cs var:q.Id ?>"><p class="meta"><strong><?cs var:Lang.Privacy.Requests.KindTitle[q.Kind] ?></strong> · <?cs var:Lang.Privacy.Requests.Received ?> <?cs var:q.Received ?> · <?cs if:q.State == "open" ?><?cs var:Lang.Privacy.Requests.Due ?> <?cs call:request_due(q) ?><?cs else ?><?cs var:Lang.Privacy.Requests.Closed ?> <?cs var:q.Closed ?><?cs /if ?> · <?cs var:Lang.Privacy.Requests.States[q.State] ?></p>
      <?cs if:q.Text ?><p class="prewrap"><?cs var:q.Text ?></p><?cs /if ?>
      <?cs if:q.ExtensionReason ?><p class="small"><strong><?cs var:Lang.Privacy.Requests.Mine.ExtendedBecause ?></strong> <span class="prewrap"><?cs var:q.ExtensionReason ?></span></p><?cs /if ?>
      <?cs if:q.Outcome ?><p class="small"><strong><?cs var:Lang.Privacy.Requests.Mine.Answer ?>:</strong> <span class="prewrap"><?cs var:q.Outcome ?></span></p><?cs /if ?>
      <?cs if:q.State == "refused" && Page.Requests.Authority ?><p class="small muted"><?cs var:Lang.Privacy.Statement.Complain ?> <?cs var:Page.Requests.Authority ?></p><?cs /if ?></li>
    <?cs /each ?>
  </ul>
  <?cs else ?><p class="muted"><?cs var:Lang.Privacy.Requests.Mine.None ?></p><?cs /if ?>
  <?cs if:Page.Requests.MayFile ?>
  <h3><?cs var:Lang.Privacy.Requests.Mine.New ?></h3>
  <form method="post" action="<?cs var:Page.Prefix ?>/privacy/me/requests" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <?cs call:request_kinds("request_kind", Lang.Privacy.Requests.Add.Kind) ?>
    <?cs call:request_textarea("request_text", Lang.Privacy.Requests.Mine.Text, 4000) ?>
    <div class="actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.Privacy.Requests.Mine.Button ?></button></div>
  </form>
  <?cs /if ?>
<?cs else ?>
  <h2 id="requests-h"><?cs var:Lang.Privacy.Requests.Title ?></h2>
  <?cs if:Page.Requests.Refused ?><div class="alert alert-error" role="alert"><?cs var:Lang.Privacy.Requests.Refused[Page.Requests.Refused] ?></div><?cs /if ?>
  <?cs if:subcount(Page.Requests.Rows) > 0 ?>
  <div class="table-wrap" tabindex="0"><table class="data">
    <caption class="visually-hidden"><?cs var:Lang.Privacy.Requests.Title ?></caption>
    <thead><tr><th scope="col"><?cs var:Lang.Privacy.Requests.No ?></th><th scope="col"><?cs var:Lang.Privacy.Requests.Kind ?></th><th scope="col"><?cs var:Lang.Privacy.Requests.Received ?></th><th scope="col"><?cs var:Lang.Privacy.Requests.Due ?></th><th scope="col"><?cs var:Lang.Privacy.Requests.State ?></th><th scope="col"><?cs var:Lang.Privacy.Requests.Channel ?></th></tr></thead>
    <tbody><?cs each:q = Page.Requests.Rows ?>
    <tr data-request="<?cs var:q.Id ?>"><th scope="row"><a href="<?cs var:Page.Prefix ?>/privacy/requests/<?cs var:q.Id ?>"><?cs var:q.Id ?></a></th><td><?cs var:Lang.Privacy.Requests.Kinds[q.Kind] ?></td><td class="nowrap"><?cs var:q.Received ?></td><td class="nowrap"><?cs call:request_due(q) ?></td><td class="nowrap"><?cs call:request_state(q) ?></td><td><?cs var:Lang.Privacy.Requests.Channels[q.Channel] ?></td></tr>
    <?cs /each ?></tbody>
  </table></div>
  <?cs else ?><p class="muted"><?cs var:Lang.Privacy.Requests.PersonNone ?></p><?cs /if ?>
  <?cs if:Page.Requests.MayRecord ?>
  <h3><?cs var:Lang.Privacy.Requests.Add.Title ?></h3>
  <p class="muted small"><?cs var:Lang.Privacy.Requests.Add.Help ?> <?cs var:Page.Requests.Months ?> <?cs var:Lang.Privacy.Requests.Add.HelpMonths ?></p>
  <form method="post" action="<?cs var:Page.Prefix ?><?cs var:Page.Subject.Path ?>/requests" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <div class="grid-2">
      <div><?cs call:request_kinds("request_kind", Lang.Privacy.Requests.Add.Kind) ?></div>
      <div><?cs call:request_date("request_received", Lang.Privacy.Requests.Add.Received, Page.Requests.Today) ?></div>
    </div>
    <?cs call:request_textarea("request_text", Lang.Privacy.Requests.Add.Text, 4000) ?>
    <div class="actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.Privacy.Requests.Add.Button ?></button></div>
  </form>
  <?cs /if ?>
<?cs /if ?>
</section>
