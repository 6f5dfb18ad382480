<?cs # waiting.cs: the shifts that wait for a planner — planned, refused or open — each linking to its week ?>
<?cs include:"partials/date.cs" ?>
<?cs def:title() ?><?cs var:Lang.Planning.Waiting[Page.Show] ?><?cs /def ?>
<?cs def:content() ?>
<h1><?cs var:Lang.Planning.Waiting[Page.Show] ?></h1>
<nav class="toolbar" aria-label="<?cs var:Lang.Home.Todo.Title ?>"><?cs each:s = Lang.Planning.Waiting ?><?cs if:name(s) == "planned" || name(s) == "refused" || name(s) == "open" ?><a href="<?cs var:Page.Prefix ?>/planning/waiting?show=<?cs name:s ?>"<?cs if:name(s) == Page.Show ?> aria-current="page"<?cs /if ?>><?cs var:s ?></a> <?cs /if ?><?cs /each ?></nav>
<p><?cs var:Lang.Planning.Waiting.Intro ?></p>
<?cs if:subcount(Page.Shifts) > 0 ?>
<p id="waiting-count"><strong><?cs var:Page.Total ?></strong> <?cs var:Lang.Planning.Waiting.Count ?><?cs if:Page.Total > Page.Max ?>; <?cs var:Lang.Planning.Waiting.First ?> <?cs var:Page.Max ?> <?cs var:Lang.Planning.Waiting.Shown ?><?cs /if ?></p>
<div class="table-wrap" tabindex="0"><table class="data">
  <caption class="visually-hidden"><?cs var:Lang.Planning.Waiting[Page.Show] ?></caption>
  <thead><tr><th scope="col"><?cs var:Lang.Planning.Waiting.Day ?></th><th scope="col"><?cs var:Lang.Planning.Waiting.Time ?></th><th scope="col"><?cs var:Lang.Planning.Waiting.Unit ?></th><th scope="col"><?cs var:Lang.Planning.Waiting.Position ?></th><th scope="col"><?cs var:Lang.Planning.Waiting.Worker ?></th><th scope="col"><?cs var:Lang.Planning.Waiting.State ?></th></tr></thead>
  <tbody><?cs each:s = Page.Shifts ?><tr data-shift="<?cs var:s.Id ?>"><td><a href="<?cs var:Page.Prefix ?>/planning/?unit=<?cs var:s.Unit ?>&amp;week=<?cs var:s.Day ?>"><time datetime="<?cs var:s.Day ?>"><?cs call:day(s.Weekday, s.D, s.M) ?></time></a></td><td><?cs var:s.From ?>–<?cs var:s.To ?></td><td><?cs var:s.UnitName ?><?cs if:s.Client ?> <span class="muted">(<?cs var:s.Client ?>)</span><?cs /if ?></td><td><?cs var:s.Position ?></td><td><?cs if:s.Worker ?><?cs var:s.Worker ?><?cs else ?><span class="muted"><?cs var:Lang.Planning.Waiting.NoWorker ?></span><?cs /if ?></td><td><?cs var:Lang.Planning.States[s.State] ?></td></tr><?cs /each ?></tbody>
</table></div>
<?cs else ?><div class="panel"><p><?cs var:Lang.Planning.Waiting.None ?></p></div><?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
