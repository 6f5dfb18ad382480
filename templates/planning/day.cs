<?cs # day.cs: a unit's day per position — coverage (shifts needed against those with a worker) per time slot, the shifts, and publishing the chosen ones ?>
<?cs include:"partials/date.cs" ?>
<?cs def:title() ?><?cs var:Lang.Planning.DayView.Title ?> — <?cs var:Page.Unit.Name ?><?cs /def ?>
<?cs def:cover(c) ?><meter min="0" max="<?cs var:c.Needed ?>" value="<?cs var:c.Planned ?>" low="<?cs var:c.Needed ?>" optimum="<?cs var:c.Needed ?>"></meter>
  <?cs var:c.Planned ?> <?cs var:Lang.Planning.DayView.Of ?> <?cs var:c.Needed ?><?cs if:c.Open > 0 ?> · <strong><?cs var:c.Open ?> <?cs var:Lang.Planning.DayView.OpenCount ?></strong><?cs /if ?><?cs /def ?>
<?cs def:content() ?>
<div class="page-head"><h1><?cs var:Lang.Planning.DayView.Title ?> — <?cs var:Page.Unit.Name ?></h1>
  <?cs if:Page.MayEdit ?><a class="btn btn-primary" href="<?cs var:Page.Prefix ?>/planning/shifts/new?view=<?cs var:Page.Unit.Id ?>&amp;date=<?cs var:Page.Date ?>"><?cs var:Lang.Planning.NewShift ?></a><?cs /if ?></div>
<?cs if:Page.Done == "published" ?><div class="alert alert-success" role="status"><?cs var:Lang.Planning.Done.published ?> <?cs var:Page.Count ?></div><?cs /if ?>
<?cs if:Page.Done == "none_chosen" ?><div class="alert alert-warn" role="alert"><?cs var:Lang.Planning.DayView.NoneChosen ?></div><?cs /if ?>
<nav class="week-nav" aria-label="<?cs var:Lang.Planning.DayView.Days ?>">
  <a href="<?cs var:Page.Prefix ?>/planning/day?unit=<?cs var:Page.Unit.Id ?>&amp;date=<?cs var:Page.PrevDay ?>">&larr; <?cs var:Lang.Planning.DayView.Prev ?></a>
  <strong><time datetime="<?cs var:Page.Date ?>"><?cs call:day(Page.DayName, Page.D, Page.M) ?></time></strong>
  <a href="<?cs var:Page.Prefix ?>/planning/day?unit=<?cs var:Page.Unit.Id ?>&amp;date=<?cs var:Page.NextDay ?>"><?cs var:Lang.Planning.DayView.Next ?> &rarr;</a>
</nav>
<p class="muted small"><?cs var:Lang.Planning.TimesIn ?> <?cs var:Page.Unit.Zone ?> · <a href="<?cs var:Page.Prefix ?>/planning/?unit=<?cs var:Page.Unit.Id ?>&amp;week=<?cs var:Page.Week ?>"><?cs var:Lang.Planning.DayView.ToWeek ?></a></p>
<?cs if:subcount(Page.Positions) == 0 ?><div class="panel"><p><?cs var:Lang.Planning.DayView.None ?></p></div><?cs else ?>
<p class="coverage"><?cs var:Lang.Planning.DayView.Coverage ?>: <?cs call:cover(Page.Total) ?></p>
<form method="post" action="<?cs var:Page.Prefix ?>/planning/publish">
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<input type="hidden" name="unit" value="<?cs var:Page.Unit.Id ?>">
<input type="hidden" name="week" value="<?cs var:Page.Date ?>">
<input type="hidden" name="back" value="day">
<?cs each:p = Page.Positions ?>
<section class="panel">
  <h2><?cs var:p.Name ?> <span class="small coverage"><?cs call:cover(p) ?></span></h2>
  <ul class="plain slots"><?cs each:s = p.Slots ?><li><?cs var:s.Start ?>–<?cs var:s.End ?>: <?cs call:cover(s) ?></li><?cs /each ?></ul>
  <div class="table-wrap" tabindex="0"><table class="data">
    <thead><tr><?cs if:Page.MayEdit ?><th scope="col"><span class="visually-hidden"><?cs var:Lang.Planning.DayView.Choose ?></span></th><?cs /if ?><th scope="col"><?cs var:Lang.Planning.Mine.Time ?></th><th scope="col"><?cs var:Lang.Planning.Worker ?></th><th scope="col"><?cs var:Lang.Planning.Mine.State ?></th><th scope="col"><?cs var:Lang.Planning.Unit ?></th></tr></thead>
    <tbody><?cs each:x = p.Shifts ?><tr<?cs if:!x.Worker ?> class="open-row"<?cs /if ?>>
      <?cs if:Page.MayEdit ?><td><?cs if:x.MayPublish ?><input type="checkbox" name="shift" value="<?cs var:x.Id ?>" id="c-<?cs var:x.Id ?>" aria-label="<?cs var:Lang.Planning.DayView.Choose ?> <?cs var:x.Start ?>–<?cs var:x.End ?> <?cs var:x.Worker ?>"><?cs /if ?></td><?cs /if ?>
      <td class="nowrap"><?cs if:x.MayEdit ?><a href="<?cs var:Page.Prefix ?>/planning/shifts/<?cs var:x.Id ?>/edit?view=<?cs var:Page.Unit.Id ?>"><?cs var:x.Start ?>–<?cs var:x.End ?></a><?cs else ?><?cs var:x.Start ?>–<?cs var:x.End ?><?cs /if ?><?cs if:x.Break > 0 ?> <span class="muted small">(<?cs var:x.Break ?> min)</span><?cs /if ?></td>
      <td><?cs if:x.Worker ?><?cs var:x.Worker ?><?cs else ?><strong><?cs var:Lang.Planning.DayView.Open ?></strong><?cs /if ?></td>
      <td><?cs var:Lang.Planning.States[x.State] ?></td>
      <td><?cs if:x.Unit ?><?cs var:x.Unit ?><?cs else ?><?cs var:Page.Unit.Name ?><?cs /if ?></td></tr><?cs /each ?></tbody>
  </table></div>
</section>
<?cs /each ?>
<?cs if:Page.MayEdit && Page.Publishable > 0 ?><div class="actions"><span data-all="shift" data-label="<?cs var:Lang.Planning.DayView.ChooseAll ?>"></span> <button type="submit" class="btn btn-primary"><?cs var:Lang.Planning.DayView.Publish ?></button>
  <span class="muted small"><?cs var:Lang.Planning.PublishHelp ?></span></div><?cs /if ?>
</form>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
