<?cs # request.cs: one request of a data subject — the person, his words, its due date and history; for privacy.handle the extension (once, with a reason) and closing it (done, or refused with the reason) ?>
<?cs include:"partials/form.cs" ?>
<?cs include:"admin/select.cs" ?>
<?cs include:"privacy/request_parts.cs" ?>
<?cs def:title() ?><?cs var:Lang.Privacy.Requests.KindTitle[Page.Request.Kind] ?> <?cs var:Page.Request.Id ?> · <?cs var:Lang.Privacy.Title ?><?cs /def ?>
<?cs def:content() ?>
<div class="page-head">
  <h1><?cs var:Lang.Privacy.Requests.KindTitle[Page.Request.Kind] ?> <span class="muted"><?cs var:Lang.Privacy.Requests.No ?> <?cs var:Page.Request.Id ?></span> <?cs call:request_state(Page.Request) ?></h1>
  <p><a href="<?cs var:Page.Prefix ?>/privacy/requests"><?cs var:Lang.Privacy.Requests.Back ?></a></p>
</div>
<?cs if:Page.Done ?><div class="alert alert-success" role="status"><?cs var:Lang.Privacy.Done[Page.Done] ?></div><?cs /if ?>
<?cs if:Page.Requests.Refused ?><div class="alert alert-error" role="alert"><?cs var:Lang.Privacy.Requests.Refused[Page.Requests.Refused] ?></div><?cs /if ?>
<?cs call:form_summary() ?>
<section class="panel" aria-labelledby="req-h">
  <h2 id="req-h" class="visually-hidden"><?cs var:Lang.Privacy.Requests.KindTitle[Page.Request.Kind] ?></h2>
  <dl class="details">
    <dt><?cs var:Lang.Privacy.Requests.Person ?></dt><dd><a href="<?cs var:Page.Prefix ?><?cs var:Page.Subject.Path ?>"><?cs var:Page.Subject.Name ?></a> <span class="badge badge-neutral"><?cs if:Page.Subject.Kind == "candidate" ?><?cs var:Lang.Privacy.Kind.candidate ?><?cs else ?><?cs var:Lang.Privacy.Kind[Page.Subject.UserKind] ?><?cs /if ?></span></dd>
    <dt><?cs var:Lang.Privacy.Requests.Kind ?></dt><dd><?cs var:Lang.Privacy.Requests.Kinds[Page.Request.Kind] ?></dd>
    <dt><?cs var:Lang.Privacy.Requests.Channel ?></dt><dd><?cs var:Lang.Privacy.Requests.Channels[Page.Request.Channel] ?></dd>
    <dt><?cs var:Lang.Privacy.Requests.Received ?></dt><dd><?cs var:Page.Request.Received ?></dd>
    <dt><?cs var:Lang.Privacy.Requests.Due ?></dt><dd class="request-due"><?cs call:request_due(Page.Request) ?><?cs if:Page.Request.State == "open" ?> <?cs call:request_state(Page.Request) ?><?cs /if ?></dd>
    <?cs if:Page.Request.Extended ?><dt><?cs var:Lang.Privacy.Requests.FirstDue ?></dt><dd><?cs var:Page.Request.FirstDue ?></dd><?cs /if ?>
    <dt><?cs var:Lang.Privacy.Requests.State ?></dt><dd><?cs var:Lang.Privacy.Requests.States[Page.Request.State] ?></dd>
  </dl>
</section>
<section class="panel" aria-labelledby="words-h">
  <h2 id="words-h"><?cs var:Lang.Privacy.Requests.Words ?></h2>
  <?cs if:Page.Request.Text ?><p class="prewrap"><?cs var:Page.Request.Text ?></p><?cs else ?><p class="muted"><?cs var:Lang.Privacy.Requests.NoWords ?></p><?cs /if ?>
</section>
<section class="panel" aria-labelledby="history-h">
  <h2 id="history-h"><?cs var:Lang.Privacy.Requests.History.Title ?></h2>
  <div class="table-wrap" tabindex="0"><table class="data">
    <caption class="visually-hidden"><?cs var:Lang.Privacy.Requests.History.Title ?></caption>
    <thead><tr><th scope="col"><?cs var:Lang.Privacy.Requests.History.When ?></th><th scope="col"><?cs var:Lang.Privacy.Requests.History.What ?></th><th scope="col"><?cs var:Lang.Privacy.Requests.History.Who ?></th><th scope="col"><?cs var:Lang.Privacy.Requests.History.Note ?></th></tr></thead>
    <tbody><?cs each:e = Page.History ?><tr><td class="nowrap"><?cs var:e.At ?></td><td><?cs var:Lang.Privacy.Requests.History[e.What] ?><?cs if:e.Due ?> <?cs var:e.Due ?><?cs /if ?></td><td><?cs var:e.By ?></td><td class="wrap prewrap"><?cs var:e.Note ?></td></tr><?cs /each ?></tbody>
  </table></div>
</section>
<?cs if:Page.Request.MayHandle ?>
<div class="grid-2">
<section class="panel" aria-labelledby="extend-h">
  <h2 id="extend-h"><?cs var:Lang.Privacy.Requests.Extend.Title ?></h2>
  <?cs if:Page.Request.Extended ?><p class="muted"><?cs var:Lang.Privacy.Requests.Extend.Once ?></p>
  <?cs else ?>
  <p class="muted small"><?cs var:Lang.Privacy.Requests.Extend.Help ?> <?cs var:Page.Request.ExtensionMonths ?> <?cs var:Lang.Privacy.Requests.Extend.HelpMonths ?></p>
  <form method="post" action="<?cs var:Page.Prefix ?>/privacy/requests/<?cs var:Page.Request.Id ?>/extend" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <?cs call:request_textarea("reason", Lang.Privacy.Requests.Extend.Reason, 2000) ?>
    <div class="actions"><button type="submit" class="btn"><?cs var:Lang.Privacy.Requests.Extend.Button ?></button></div>
  </form>
  <?cs /if ?>
</section>
<section class="panel" aria-labelledby="close-h">
  <h2 id="close-h"><?cs var:Lang.Privacy.Requests.Close.Title ?></h2>
  <p class="muted small"><?cs var:Lang.Privacy.Requests.Close.Help ?></p>
  <form method="post" action="<?cs var:Page.Prefix ?>/privacy/requests/<?cs var:Page.Request.Id ?>/close" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <?cs call:select_open("state", Lang.Privacy.Requests.Close.State) ?>
      <?cs call:option("done", Lang.Privacy.Requests.States.done, Page.Form.state) ?><?cs call:option("refused", Lang.Privacy.Requests.States.refused, Page.Form.state) ?>
    <?cs call:select_close("state") ?>
    <?cs call:request_textarea("outcome", Lang.Privacy.Requests.Close.Outcome, 4000) ?>
    <div class="actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.Privacy.Requests.Close.Button ?></button></div>
  </form>
</section>
</div>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
